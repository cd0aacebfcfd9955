# bitwise and shift special methods
class B:
    def __init__(self, v):
        self.v = v
    def __and__(self, o):
        return B(self.v & o)
    def __or__(self, o):
        return B(self.v | o)
    def __xor__(self, o):
        return B(self.v ^ o)
    def __lshift__(self, o):
        return B(self.v << o)
    def __rshift__(self, o):
        return B(self.v >> o)
    def __rand__(self, o):
        return 'rand'
    def __repr__(self):
        return 'B(%d)' % self.v
b = B(12)
print(b & 10, b | 3, b ^ 5, b << 2, b >> 1, 1 & b)
