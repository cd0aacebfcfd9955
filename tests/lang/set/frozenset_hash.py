# frozensets are hashable and usable as keys
f = frozenset([1, 2])
d = {f: 'pair'}
print(d[frozenset([2, 1])], f in {frozenset((1, 2))})
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
try:
    hash({1})
except TypeError as e:
    print(type(e).__name__)
s = {frozenset(), frozenset([1])}
print(len(s))
