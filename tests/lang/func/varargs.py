# *args collects extra positionals into a tuple
def f(*args):
    return args
def g(first, *rest):
    return first, rest
print(f(), f(1), f(1, 2, 3), type(f()).__name__)
print(g(1), g(1, 2, 3))
