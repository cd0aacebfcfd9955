# bool values and truthiness
print(True, False, type(True).__name__)
print(bool(0), bool(1), bool(-1), bool(''), bool('a'))
print(bool([]), bool([0]), bool(()), bool({}), bool(None))
print(bool(0.0), bool(0.1))
