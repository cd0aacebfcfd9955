# comparisons between ints, floats and bools
print(1 == 1.0, 2 < 2.5, True == 1.0)
print(3 > False)
print(2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53)
print(10 ** 20 < 1e21, -1 < -0.5)
