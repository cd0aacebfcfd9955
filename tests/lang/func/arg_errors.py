# wrong argument counts raise TypeError
def f(a, b=1):
    return a
for args, kw in (((), {}), ((1, 2, 3), {}), ((1,), {'c': 1}), ((1,), {'a': 2})):
    try:
        f(*args, **kw)
        print('ok')
    except TypeError as e:
        print(type(e).__name__)
