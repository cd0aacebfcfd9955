# unsupported string operations raise TypeError
for f in (lambda: 'a' + 1, lambda: 'a' * 'b', lambda: 'a' - 'b', lambda: 'a' * 1.5, lambda: 'a' < 1):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__)
