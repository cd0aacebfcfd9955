# pop with and without default
d = {'a': 1, 'b': 2}
print(d.pop('a'), d, d.pop('zz', 'dflt'), d.pop('b', None), d)
try:
    d.pop('a')
except KeyError as e:
    print(type(e).__name__)
