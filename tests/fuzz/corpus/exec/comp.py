def f(x):
    return [i * x for i in range(x)]
print(f(5))
