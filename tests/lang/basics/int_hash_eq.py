# equal numbers have equal hashes
print(hash(1) == hash(1.0), hash(0) == hash(False))
print(hash(2 ** 70) == hash(2 ** 70))
d = {1: 'a'}
d[1.0] = 'b'
d[True] = 'c'
print(d)
