# numeric keys that compare equal share a slot
d = {1: 'one'}
d[1.0] = 'float one'
d[True] = 'true'
print(d, len(d))
d[0] = 'zero'
print(d[False], d[0.0])
