# copy is shallow, clear empties
d = {'a': [1], 'b': 2}
c = d.copy()
c['a'].append(2)
c['b'] = 3
print(d, c)
d.clear()
print(d, len(d), bool(d), c)
