# reverse, copy and clear
l = [1, 2, 3]
c = l.copy()
l.reverse()
print(l, c)
c.clear()
print(c, l)
nested = [[1], [2]]
shallow = nested.copy()
shallow[0].append(9)
print(nested)
