# int() truncates floats towards zero
print(int(3.9), int(-3.9), int(0.5), int(-0.5))
print(int(1e20))
print(int(2.0 ** 70))
print(int(True), int(False))
