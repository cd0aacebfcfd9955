# len and truthiness of lists
for l in ([], [0], [None], [[]], list(range(100))):
    print(len(l), bool(l))
l = [1, 2, 3]
del l[:]
print(len(l), bool(l), not l)
