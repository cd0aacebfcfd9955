# generator expressions
g = (x * 2 for x in range(4))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(x for x in range(10) if x % 2), list(c for c in 'hey'))
pairs = ((a, b) for a in range(3) for b in range(a))
print(list(pairs))
