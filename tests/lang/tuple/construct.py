# tuple construction and the single-element comma
print((), (1,), (1, 2), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)))
t = 1, 2, 3
print(t, type(t).__name__)
print((1), (1,) == (1,), type((1)).__name__)
