# default argument values
def f(a, b=2, c='c'):
    return (a, b, c)
print(f(1), f(1, 3), f(1, c=5), f(a=0, b=0, c=0))
def g(x=[]):
    x.append(1)
    return x
print(g(), g(), g([0]))
