# lambda expressions
sq = lambda x: x * x
print(sq(4), (lambda: 'no args')(), (lambda a, b=2: a + b)(1))
print((lambda *a, **k: (a, k))(1, z=2))
print(sorted([3, -4, 1], key=lambda v: -abs(v)))
f = lambda n: 1 if n <= 1 else n * f(n - 1)
print(f(10))
