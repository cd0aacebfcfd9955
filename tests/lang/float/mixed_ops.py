# mixing ints and floats in operations
print(1 + 0.5, 2 * 1.5, 7 // 2.0, 7 % 2.5, 2 ** 0.5 == 2 ** 0.5)
print(10 ** 20 + 0.0, 10 ** 20 * 1.0 == 1e20)
print(type(3 + 0.0).__name__, type(3 // 1.0).__name__)
print(abs(-2.5), -(-1.25))
