# signed zeros
print(0.0, -0.0, 0.0 == -0.0)
print(repr(-0.0), str(-0.0))
print(-0.0 + 0.0, 0.0 * -1)
