# set construction
print(sorted({3, 1, 2}), sorted(set('hello')), sorted(set([1, 1, 2])))
print(set())
print(len({1, 2, 2, 3}), type(set()).__name__, type({}).__name__)
print(sorted(frozenset('abca')), frozenset())
