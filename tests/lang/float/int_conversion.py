# conversions between int and float
print(float(3), float(-7), float(2 ** 60), float(True))
print(int(2.9), int(-2.9), int(1e15))
print(float('1.5'), float('-0.25'), float('  3  '), float('1e3'), float('.5'), float('5.'))
print(float('1_0.5'))
for s in ('', 'abc', '1.2.3'):
    try:
        float(s)
    except ValueError as e:
        print(repr(s), type(e).__name__)
