# str() of floats of various magnitudes
for x in (1.0, 10.0, 1e5, 123456.789, 1e16, 0.001, 0.0001, 1 / 3, 2 / 3, 1e-7):
    print(str(x))
print(str(1e-5), str(12345678.9), str(-2.0 ** 0.5))
print(str(1.0e15), str(9.999999999999999e15))
