# generator expressions inside function calls and lambdas
f = lambda n: (i * i for i in range(n))
print(list(f(4)), max(f(5)))
print(dict((k, len(k)) for k in ['a', 'bb']))
