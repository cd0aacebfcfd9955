# __name__, __class__, __dict__ and __bases__
class Base:
    pass
class Thing(Base):
    kind = 'thing'
    def __init__(self):
        self.a = 1
        self.b = 2
t = Thing()
print(Thing.__name__, t.__class__.__name__, sorted(t.__dict__), t.__dict__['b'])
print([c.__name__ for c in Thing.__bases__], 'kind' in Thing.__dict__)
