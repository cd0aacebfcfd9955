# float comparisons
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(1.0 < 1.0000001, -0.0 < 0.0, 2.5 >= 2.5)
print(sorted([3.5, -1.0, 2.25, 0.0]))
print(max(1.5, 2), min(1.5, 2))
