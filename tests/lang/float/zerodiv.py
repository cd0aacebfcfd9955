# float division by zero raises
for f in (lambda: 1.0 / 0, lambda: 1.0 // 0.0, lambda: 1.0 % 0.0, lambda: 0.0 ** -1):
    try:
        f()
    except ZeroDivisionError as e:
        print(type(e).__name__)
