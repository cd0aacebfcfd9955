# dicts preserve insertion order
d = {}
for k in ('zeta', 'alpha', 'mid', 'beta'):
    d[k] = len(k)
print(d, list(d))
d['alpha'] = 0
print(list(d))
del d['zeta']
d['zeta'] = 9
print(list(d.items()))
