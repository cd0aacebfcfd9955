# % formatting errors
for fmt, args in (('%d %d', (1,)), ('%d', (1, 2)), ('%d', 'x')):
    try:
        fmt % args
    except TypeError as e:
        print(repr(fmt), type(e).__name__)
