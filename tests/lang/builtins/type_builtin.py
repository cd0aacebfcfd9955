# type() of values and type comparisons
for v in (1, 1.0, 'a', b'a', [], (), {}, set(), None, True, range(1), type):
    print(type(v).__name__)
print(type(1) is int, type(True) is bool, type(type(1)) is type)
