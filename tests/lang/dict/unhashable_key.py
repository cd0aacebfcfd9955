# unhashable keys raise TypeError
for k in ([1], {'a': 1}, {1}):
    try:
        {k: 1}
    except TypeError as e:
        print(type(k).__name__, type(e).__name__)
