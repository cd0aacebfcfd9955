# bin, oct and hex for ints and __index__
for v in (0, 5, -5, 2 ** 40):
    print(bin(v), oct(v), hex(v))
class I:
    def __index__(self):
        return 10
print(bin(I()), oct(I()), hex(I()))
try:
    hex(1.5)
except TypeError as e:
    print(type(e).__name__)
