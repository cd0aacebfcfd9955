# int() with no args and with ints and bools
print(int(), int(7), int(-7), int(True))
print(type(int('5')).__name__)
class N:
    def __int__(self):
        return 9
print(int(N()))
class I:
    def __index__(self):
        return 4
print(int(I()), bin(I()), hex(I()))
