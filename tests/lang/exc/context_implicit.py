# exceptions raised in handlers record __context__
try:
    try:
        raise TypeError('first')
    except TypeError:
        raise ValueError('second')
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__context__, e.__cause__)
