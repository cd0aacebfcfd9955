# repr of floats switching to exponent notation
for x in (1e100, 1e16, 1e15, 1.5e-7, 1e-4, 1e-5, 123456789012345678.0, 1e22, 2.5e-300):
    print(repr(x))
print(-1e100, 1e-10)
