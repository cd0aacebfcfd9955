# str of user-raised KeyError shows the repr of the key
try:
    raise KeyError('name')
except KeyError as e:
    print(e, e.args[0])
try:
    raise KeyError(1, 2)
except KeyError as e:
    print(e)
