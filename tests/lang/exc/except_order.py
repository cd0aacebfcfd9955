# the first matching except clause wins
try:
    raise KeyError('x')
except Exception:
    print('Exception clause')
except KeyError:
    print('KeyError clause')
