# calling with keyword arguments
def f(a, b, c):
    return a * 100 + b * 10 + c
print(f(1, 2, 3), f(c=3, b=2, a=1), f(1, c=3, b=2))
for call in (lambda: f(1, 2), lambda: f(1, 2, 3, 4), lambda: f(1, 2, a=1), lambda: f(1, 2, d=4)):
    try:
        call()
    except TypeError as e:
        print(type(e).__name__)
