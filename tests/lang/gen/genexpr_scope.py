# the first iterable of a genexpr is evaluated immediately
items = [1, 2, 3]
g = (x * 10 for x in items)
items = [9]
print(list(g))
n = 2
h = (x * n for x in range(3))
n = 5
print(list(h))
