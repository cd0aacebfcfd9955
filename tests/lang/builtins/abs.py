# abs on ints, floats, bools and custom objects
print(abs(-3), abs(3), abs(-2.5), abs(0.0), abs(-0.0), abs(True), abs(-(10 ** 30)))
class A:
    def __abs__(self):
        return 'absolute'
print(abs(A()))
try:
    abs('x')
except TypeError as e:
    print(type(e).__name__)
