# map with one and several iterables
print(list(map(abs, [-1, 2, -3])), list(map(str.upper, 'ab')))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(pow, [2, 3], [3, 2])))
m = map(int, '123')
print(next(m), list(m))
