# methods inherited from object
class C:
    pass
c = C()
print(c == c, c != C(), isinstance(c, object), '__init__' in dir(c), '__repr__' in dir(C))
print(type(c.__repr__()).__name__, c.__str__() == c.__repr__())
