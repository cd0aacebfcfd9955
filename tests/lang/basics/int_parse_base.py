# int() with explicit bases
print(int('ff', 16), int('FF', 16), int('0xff', 16))
print(int('777', 8), int('0o17', 8), int('101', 2), int('0b11', 2))
print(int('z', 36), int('Zz', 36), int('10', 3))
print(int('0x1f', 0), int('0o10', 0), int('0b101', 0), int('99', 0))
print(int('-ff', 16), int(' 11 ', 2))
try:
    int('12', 2)
except ValueError as e:
    print(type(e).__name__)
