# comprehension variables do not leak
x = 'outer'
l = [x for x in range(3)]
print(x, l)
n = 10
print([n + i for i in range(3)])
print({k: n for k in 'ab'}, sorted({n * 2 for _ in range(2)}))
def f():
    y = 3
    return [y * i for i in range(3)]
print(f())
