# len and truthiness
d = {}
print(len(d), bool(d))
d[None] = None
print(len(d), bool(d))
