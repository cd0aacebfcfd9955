# float.is_integer and as_integer_ratio
for x in (1.0, 1.5, -3.0, 0.0, 1e20):
    print(x, x.is_integer())
print((0.5).as_integer_ratio(), (0.75).as_integer_ratio())
print((-2.0).as_integer_ratio())
