# division by zero raises ZeroDivisionError
for op in (lambda: 1 // 0, lambda: 1 % 0, lambda: 1 / 0, lambda: divmod(5, 0)):
    try:
        op()
    except ZeroDivisionError as e:
        print(type(e).__name__)
try:
    (2 ** 100) // 0
except ZeroDivisionError:
    print('big zero div')
