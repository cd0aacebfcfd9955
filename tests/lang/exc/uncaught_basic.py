# exp: hand
# uncaught exception from a nested call prints a traceback
def f():
    raise ValueError('bad')
print('before')
f()
print('not reached')
