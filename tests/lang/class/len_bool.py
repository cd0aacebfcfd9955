# __len__ and __bool__ drive truthiness
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Flag:
    def __init__(self, f):
        self.f = f
    def __bool__(self):
        print('bool called')
        return self.f
print(len(Sized(3)), bool(Sized(0)), bool(Sized(2)))
print(bool(Flag(False)), 'yes' if Flag(True) else 'no')
print(not Sized(0), bool(object()))
