# equality versus identity of lists
a = [1, 2]
b = [1, 2]
print(a == b, a is b)
c = a
c.append(3)
print(a, b, a == b)
