# __names inside a class body are mangled to _Class__name
class A:
    __x = 1
    def __init__(self):
        self.__y = 2
    def get(self):
        return self.__x, self.__y
    def __private(self):
        return "private"
    def call(self):
        return self.__private()
class _B(A):
    def __init__(self):
        super().__init__()
        self.__y = 3
a = A()
b = _B()
print(a.get(), b.get(), a.call(), b._B__y, b._A__y, A._A__x)
print(sorted(k for k in vars(b)))
print(hasattr(a, "__y"), hasattr(a, "__dunder__"))
