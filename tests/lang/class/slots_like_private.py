# name mangling of double-underscore attributes
class A:
    def __init__(self):
        self.__secret = 'a'
    def reveal(self):
        return self.__secret
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = 'b'
b = B()
print(b.reveal(), b._B__secret, b._A__secret)
try:
    b.__secret
except AttributeError as e:
    print(type(e).__name__)
