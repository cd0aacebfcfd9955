# __setitem__ and __delitem__ with slices
class Rec:
    def __setitem__(self, k, v):
        print('set', type(k).__name__, v)
    def __delitem__(self, k):
        print('del', k.start if isinstance(k, slice) else k)
r = Rec()
r[0] = 'a'
r[1:3] = 'b'
del r[4]
del r[2:]
