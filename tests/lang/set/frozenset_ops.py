# frozenset operations return frozensets
f = frozenset([1, 2, 3])
r = f | {4}
print(type(r).__name__, sorted(r), type({4} | f).__name__)
print(sorted(f & {2, 3, 9}), sorted(f - {1}), f == {1, 2, 3})
try:
    f.add(4)
except AttributeError as e:
    print(type(e).__name__)
