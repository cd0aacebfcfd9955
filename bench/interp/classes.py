# Classes with method calls, attribute access and inheritance.
class Shape:
    def __init__(self, n):
        self.n = n

    def area(self):
        return 0

    def describe(self):
        return self.area() + self.n


class Square(Shape):
    def __init__(self, n, side):
        super().__init__(n)
        self.side = side

    def area(self):
        return self.side * self.side


class Cube(Square):
    def area(self):
        return 6 * super().area()


total = 0
for i in range(1000000):
    s = Cube(i, i % 10) if i % 2 else Square(i, i % 10)
    total += s.describe()
print(total)
