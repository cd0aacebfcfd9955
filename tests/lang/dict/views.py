# keys, values and items views are live
d = {'a': 1, 'b': 2}
k, v, i = d.keys(), d.values(), d.items()
print(list(k), list(v), list(i))
d['c'] = 3
print(list(k), list(v), list(i), len(k))
print('a' in k, 2 in v, ('b', 2) in i, ('b', 3) in i)
del d['a']
print(list(k))
