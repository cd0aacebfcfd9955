# super() in __init__ and methods
class Base:
    def __init__(self, v):
        self.v = v
    def show(self):
        return 'Base(%s)' % self.v
class Child(Base):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w
    def show(self):
        return 'Child[' + super().show() + ', %s]' % self.w
print(Child(1, 2).show())
