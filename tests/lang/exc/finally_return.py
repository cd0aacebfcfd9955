# return in finally overrides the try return and swallows exceptions
def f():
    try:
        return 'try'
    finally:
        print('finally runs')
def g():
    try:
        return 'try'
    finally:
        return 'finally'
def h():
    try:
        raise ValueError
    finally:
        return 'swallowed'
print(f(), g(), h())
