# union, intersection, difference and symmetric_difference methods
a = {1, 2, 3}
print(sorted(a.union([3, 4], (5,))), sorted(a.intersection('123', [1, 2])))
print(sorted(a.intersection([2, 3, 9])), sorted(a.difference([1], [2])))
print(sorted(a.symmetric_difference([3, 4])), sorted(a))
