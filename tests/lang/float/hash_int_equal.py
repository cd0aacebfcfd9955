# floats equal to ints hash equal and share dict keys
print(hash(2.0) == hash(2), hash(-1.0) == hash(-1))
d = {2: 'int'}
d[2.0] = 'float'
print(d, 2.0 in d, 2.5 in d)
s = {1, 1.0, 2}
print(len(s))
