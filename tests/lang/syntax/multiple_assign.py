# chained and tuple assignment
a = b = c = []
a.append(1)
print(a, b, c, a is c)
x, y = y, x = 1, 2
print(x, y)
i, l = 0, [0, 0]
i, l[i] = 1, 5
print(i, l)
