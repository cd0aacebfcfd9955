# exception args, str and repr
for e in (ValueError(), ValueError('one'), ValueError('a', 2), KeyError('key'), Exception(1, 'x'), IndexError('')):
    print(type(e).__name__, e.args, repr(str(e)), repr(e))
e = RuntimeError('multi', 'args')
print(e.args[1], len(e.args), str(e))
print(repr(Exception()), str(Exception()) == '')
