# list construction
print([], [1, 2, 3], list())
print(list('abc'), list(range(4)), list((1, 2)))
print([[]] * 2, [0] * 5, [1, 2] * 2)
print(2 * [3])
print(list({'a': 1, 'b': 2}), list(x for x in range(3)))
