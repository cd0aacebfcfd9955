# unary, boolean and identity operators in one place
a = [1]
print(not a, -(-2), +3, ~7, a is a, a is not None, 1 if a else 0)
print(3 and 0 or 'fallback', (1, 2) == (1, 2) and 'eq')
print(2 ** -1, -2 ** 2, (-2) ** 2, 7 // -2, -7 % 3)
