# len and indexing of ranges
r = range(3, 20, 4)
print(len(r), r[0], r[-1], r[2], len(range(0)), len(range(10, 0, -1)))
try:
    r[10]
except IndexError as e:
    print(type(e).__name__)
