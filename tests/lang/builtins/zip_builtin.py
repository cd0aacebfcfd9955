# zip with different lengths and types
print(list(zip('abc', [1, 2, 3], (True, False, None))), list(zip('a', [])))
keys = ['x', 'y']
vals = [1, 2]
print(dict(zip(keys, vals)))
