# NotImplemented triggers the reflected operation
class A:
    def __add__(self, o):
        if isinstance(o, int):
            return 'A+int'
        return NotImplemented
class B:
    def __radd__(self, o):
        return 'B radd'
print(A() + 1, A() + B())
try:
    A() + 'x'
except TypeError as e:
    print(type(e).__name__)
class E:
    def __eq__(self, o):
        return NotImplemented
print(E() == E(), E() != 3)
