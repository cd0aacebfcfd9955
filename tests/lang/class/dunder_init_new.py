# __new__ runs before __init__
class C:
    def __new__(cls, *args):
        print('new', cls.__name__, args)
        inst = super().__new__(cls)
        inst.tag = 'made'
        return inst
    def __init__(self, a):
        print('init', a, self.tag)
c = C(5)
print(c.tag)
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Single() is Single())
