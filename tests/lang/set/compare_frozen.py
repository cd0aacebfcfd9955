# comparisons between set and frozenset
print({1, 2} == frozenset([1, 2]), frozenset([1]) < {1, 2})
print({1} <= frozenset([1]))
print(frozenset() == set(), frozenset([1, 2]) > {1})
print({1, 2} >= frozenset([3]), frozenset([1]) != {2})
