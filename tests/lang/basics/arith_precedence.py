# operator precedence
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 ** 2, -3 ** 2)
print(10 - 4 - 3, 100 // 10 // 3, 2 ** 2 ** 3)
print(1 + 2 << 3, 1 | 2 ^ 3 & 4)
print(not 1 == 2, 5 % 3 * 2)
