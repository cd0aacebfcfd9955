# __getattr__ is called only for missing attributes
class Dyn:
    real = 'real'
    def __getattr__(self, name):
        if name.startswith('auto_'):
            return name[5:]
        raise AttributeError(name)
d = Dyn()
print(d.real, d.auto_x, d.auto_hello, getattr(d, 'auto_z'))
print(hasattr(d, 'auto_q'), hasattr(d, 'other'))
try:
    d.other
except AttributeError as e:
    print('AttributeError', e)
