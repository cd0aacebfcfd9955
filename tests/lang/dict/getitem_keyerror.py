# missing keys raise KeyError
d = {'a': 1}
print(d['a'])
try:
    d['b']
except KeyError as e:
    print(type(e).__name__, e.args)
try:
    d[[1]]
except TypeError as e:
    print(type(e).__name__)
