# repr of simple floats uses shortest round-trip form
for x in (0.1, 0.2, 0.5, 1.0, 2.5, -0.75, 100.0, 3.14, 0.3):
    print(repr(x), str(x))
print(0.1 + 0.2)
print(1.1 * 3)
