# filter and map return lazy iterators
f = filter(None, [0, 1, 2])
m = map(lambda x: x + 1, [1, 2])
print(type(f).__name__, type(m).__name__, list(f), list(m))
print(list(map(max, [1, 5], [4, 2], [3, 3])))
