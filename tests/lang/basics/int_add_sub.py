# integer addition and subtraction
print(1 + 2, 10 - 3, -5 + 2, 0 - 0)
print(100 - 250, -7 - -7, +4, -(-4))
a = 12345
b = 67890
print(a + b, a - b, b - a)
print(1 + 2 + 3 + 4 + 5)
