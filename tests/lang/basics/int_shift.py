# left and right shifts including negative numbers
print(1 << 0, 1 << 10, 3 << 62)
print(1024 >> 3, 1 >> 1, 0 >> 5)
print(-1 >> 1, -8 >> 1, -9 >> 2)
print(-1 << 4, -5 << 100)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__)
