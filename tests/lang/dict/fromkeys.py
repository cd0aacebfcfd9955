# fromkeys with and without a value
print(dict.fromkeys('abc'), dict.fromkeys(['x', 'y'], 0), dict.fromkeys([]))
d = dict.fromkeys(range(3), [])
d[0].append(1)
print(d)
