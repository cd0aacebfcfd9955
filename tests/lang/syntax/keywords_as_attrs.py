# soft keywords and builtin names as identifiers
match = 'm'
case = 'c'
_ = 'underscore'
print(match, case, _)
class T:
    type = 'type attr'
print(T.type)
