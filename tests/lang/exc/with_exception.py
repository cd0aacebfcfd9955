# with statement calls __exit__ with exception details
class CM:
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, et, ev, tb):
        print('exit', et.__name__ if et else None, ev if ev else '', tb is not None)
        return False
try:
    with CM():
        print('body')
        raise KeyError('oops')
except KeyError as e:
    print('caught', e)
with CM():
    print('clean body')
