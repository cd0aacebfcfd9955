# except with a tuple of types
def f(v):
    try:
        return [1][v]
    except (IndexError, TypeError) as e:
        return type(e).__name__
print(f(0), f(5), f('x'))
