# attribute lookup with multiple inheritance
class X:
    a = 'X.a'
    b = 'X.b'
class Y:
    a = 'Y.a'
    c = 'Y.c'
class Z(X, Y):
    pass
z = Z()
print(z.a, z.b, z.c)
print(isinstance(z, X), isinstance(z, Y), issubclass(Z, (int, Y)))
print([k.__name__ for k in Z.__mro__])
