# del and membership
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d, 'b' in d, 'a' in d, 'a' not in d)
try:
    del d['b']
except KeyError as e:
    print(type(e).__name__)
