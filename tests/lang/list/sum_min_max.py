# builtins over lists
l = [4, -2, 7, 0]
print(sum(l), min(l), max(l))
print(sorted(l), sum(l, 10), len(l))
print(sum([[1], [2]], []), max(['a', 'bb', 'c'], key=len))
