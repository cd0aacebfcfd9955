# tuples as dict keys and set members
d = {(1, 2): 'a', (3,): 'b'}
print(d[(1, 2)], d[3,], (1, 2) in d)
s = {(1, 2), (1, 2), (2, 1)}
print(len(s))
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__)
print(hash((1, 2)) == hash((1, 2)))
