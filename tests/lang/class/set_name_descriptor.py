# descriptors with __get__ and __set__
class Typed:
    def __init__(self, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, 0)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError('need int')
        obj.__dict__[self.name] = value
class C:
    x = Typed('x')
c = C()
print(c.x)
c.x = 5
print(c.x, type(C.x).__name__)
try:
    c.x = 'a'
except TypeError as e:
    print(e)
