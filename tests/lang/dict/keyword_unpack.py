# ** unpacking in dict displays and calls
a = {'x': 1}
b = {'y': 2, 'x': 3}
print({**a, **b}, {**b, **a}, {'z': 0, **a})
def f(**kw):
    return kw
print(f(**a, y=5), f(**{'k': 'v'}))
