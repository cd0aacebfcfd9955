# **kwargs collects extra keywords into a dict
def f(**kw):
    return kw
def g(a, *args, b=0, **kw):
    return a, args, b, kw
print(f(), f(x=1, y=2))
print(g(1, 2, 3, b=4, c=5, d=6), g(a=1, z=9))
