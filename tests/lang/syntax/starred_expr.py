# starred expressions in displays
a = [1, 2]
b = (3,)
print([*a, *b, 4], (*a, *b), {*a, *a}, [*'hi', *range(2)])
print(*a, *b)
d = {'x': 1}
print({**d, 'y': 2, **{'z': 3}})
