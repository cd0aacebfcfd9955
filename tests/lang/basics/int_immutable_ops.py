# ints in expressions do not alias
a = 5
b = a
a += 1
print(a, b)
l = [a, b]
a = 100
print(l)
