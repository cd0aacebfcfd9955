# defaults are evaluated once at definition time
n = 1
def f(x=n):
    return x
n = 2
print(f(), n)
def g(x=None):
    if x is None:
        x = []
    x.append('a')
    return x
print(g(), g())
