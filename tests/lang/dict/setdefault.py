# setdefault inserts only when missing
d = {}
print(d.setdefault('a', []), d)
d.setdefault('a', []).append(1)
d.setdefault('b', []).append(2)
d.setdefault('a', ['ignored']).append(3)
print(d, d.setdefault('c'), d)
