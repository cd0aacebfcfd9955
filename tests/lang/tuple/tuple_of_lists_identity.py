# tuple() of a tuple and shared items
t = (1, 2)
print(tuple(t) == t, t[:] == t)
a = ([],)
b = a + a
b[0].append(1)
print(a, b)
