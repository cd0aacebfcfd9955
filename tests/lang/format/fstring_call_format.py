# f-strings call __format__ and __str__
class T:
    def __format__(self, spec):
        return 'T<' + spec + '>'
    def __str__(self):
        return 'strT'
t = T()
print(f'{t}', f'{t:abc}', f'{t!s}', '{:xy}'.format(t))
