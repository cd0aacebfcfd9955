# unhashable items in sets raise TypeError
for item in ([1], {}, set()):
    try:
        {item}
    except TypeError as e:
        print(type(item).__name__, type(e).__name__)
