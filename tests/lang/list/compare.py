# list comparisons are lexicographic
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print([2] > [1, 9])
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1] == [1.0])
print([[1, 2]] < [[1, 3]], max([[1, 2], [3], [2, 9]]))
