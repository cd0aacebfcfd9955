# slice assignment grows and shrinks lists
l = list(range(6))
l[1:3] = ['a', 'b', 'c']
print(l)
l[1:4] = []
print(l)
l[:0] = [-2, -1]
print(l)
l[len(l):] = [100]
print(l)
l[::2] = ['E'] * len(l[::2])
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print(type(e).__name__)
l[2:2] = 'xy'
print(l)
