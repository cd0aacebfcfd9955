# __exit__ returning True suppresses exceptions
class Suppress:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print('exit got', et.__name__ if et else None, ev)
        return et is ValueError
with Suppress():
    raise ValueError('ignored')
print('continued')
try:
    with Suppress():
        raise KeyError('k')
except KeyError as e:
    print('propagated', e)
