# membership in ranges
r = range(0, 100, 5)
print(15 in r, 16 in r, 100 in r)
print(-5 in r, 0 in r, 95 in r)
print(10.0 in r)
print(3 in range(10, 0, -1), 0 in range(10, 0, -1))
