# setting out-of-range items and wrong index types
l = [1, 2]
for k in (5, 'a'):
    try:
        l[k] = 0
    except (IndexError, TypeError) as e:
        print(repr(k), type(e).__name__)
print(l[True])
