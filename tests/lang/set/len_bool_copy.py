# len, truthiness and copy
s = {1, 2, 3}
c = s.copy()
c.add(4)
print(len(s), len(c), bool(set()), bool(s), sorted(c - s))
