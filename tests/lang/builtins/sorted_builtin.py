# sorted on various iterables
print(sorted([3, 1, 2]), sorted('bca'), sorted((2, 1)))
print(sorted({3: 'a', 1: 'b'}), sorted(x % 3 for x in range(6)))
print(sorted(['b', 'A', 'c'], key=str.lower, reverse=True))
