# finally runs when an exception propagates
def f():
    try:
        raise IndexError('inner')
    finally:
        print('cleanup')
try:
    f()
except IndexError as e:
    print('caught', e)
