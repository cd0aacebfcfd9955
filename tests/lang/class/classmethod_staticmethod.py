# classmethod and staticmethod
class Shape:
    count = 0
    def __init__(self):
        Shape.count += 1
    @classmethod
    def make(cls):
        return cls()
    @classmethod
    def kind(cls):
        return cls.__name__
    @staticmethod
    def area(w, h):
        return w * h
class Square(Shape):
    pass
s = Square.make()
print(type(s).__name__, Shape.kind(), Square.kind(), s.kind())
print(Shape.area(2, 3), s.area(4, 5), Shape.count)
