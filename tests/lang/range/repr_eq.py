# repr and equality of ranges
print(range(5), range(1, 5), range(1, 10, 2))
print(repr(range(0, -5, -1)))
print(range(0) == range(5, 5), range(0, 3) == range(0, 3, 1))
print(range(1, 4) == range(1, 5))
print(range(0, 10, 3) == range(0, 11, 3))
