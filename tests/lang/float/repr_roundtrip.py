# repr round-trips through float()
vals = [0.1, 1 / 3, 2 / 7, 1e-300, 123.456, 9007199254740993.0, 0.30000000000000004]
for v in vals:
    print(repr(v), float(repr(v)) == v)
