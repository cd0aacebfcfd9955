# type() with three arguments creates a class
Base = type('Base', (), {'greet': lambda self: 'hi'})
Child = type('Child', (Base,), {'x': 5})
c = Child()
print(Child.__name__, c.greet(), c.x, isinstance(c, Base), [k.__name__ for k in Child.__mro__])
