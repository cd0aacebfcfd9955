# an exception in finally replaces the original one
try:
    try:
        raise ValueError('original')
    finally:
        raise TypeError('from finally')
except Exception as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
