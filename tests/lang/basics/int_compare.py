# integer comparison operators
for a, b in ((1, 2), (2, 2), (3, 2), (-1, 1)):
    print(a < b, a <= b, a == b, a != b, a > b, a >= b)
print(5 == 5, 5 != 5, -3 < -2, 0 >= -0)
print(2 ** 100 > 2 ** 99, -(2 ** 100) < 2 ** 10)
