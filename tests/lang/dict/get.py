# get with default
d = {'a': 1, 'n': None}
print(d.get('a'), d.get('b'), d.get('b', 0))
print(d.get('n', 'x'), d.get('a', 99))
