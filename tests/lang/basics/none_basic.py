# None value properties
x = None
print(x, x is None, x is not None, x == None)
print(type(None).__name__, repr(None), str(None))
print(bool(None))
def f():
    pass
print(f() is None)
