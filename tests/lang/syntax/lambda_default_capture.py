# lambda in default arguments and immediate calls
print((lambda x, y=2: x ** y)(3), (lambda *a: len(a))(1, 2, 3))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))
base = 10
f = lambda x, b=base: x + b
base = 20
print(f(1), (lambda x: x + base)(1))
