# tuple unpacking forms
a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
p, *q, r = (1, 2, 3, 4, 5)
print(p, q, r)
for k, v in ((1, 'a'), (2, 'b')):
    print(k, v)
