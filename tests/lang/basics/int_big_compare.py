# comparisons between big and small integers
a = 2 ** 64
print(a > 2 ** 63, a == 18446744073709551616, a < 1)
print(-a < 0, -a < -(2 ** 63))
print(a == a + 0, a != a + 1)
print(max(a, 5, -a), min(a, 5, -a))
