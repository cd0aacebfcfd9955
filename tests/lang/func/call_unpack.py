# unpacking arguments in calls
def f(a, b, c=0, d=0):
    return [a, b, c, d]
args = (1, 2)
kw = {'c': 3, 'd': 4}
print(f(*args), f(*args, **kw), f(*[1, 2, 3]), f(1, *[2], **{'d': 9}))
print(f(*'ab', *(3,), **{'d': 4}))
print(f(**{'a': 1, 'b': 2}))
try:
    f(1, **{'a': 1, 'b': 2})
except TypeError as e:
    print(type(e).__name__)
