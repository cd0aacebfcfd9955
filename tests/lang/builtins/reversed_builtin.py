# reversed on sequences returns an iterator
r = reversed([1, 2, 3])
print(next(r), list(r), list(reversed('abc')))
print(list(reversed(range(0, 10, 3))), list(reversed((1,))))
