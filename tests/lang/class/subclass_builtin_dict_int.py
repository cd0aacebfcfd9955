# subclassing dict and int
class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
d = AttrDict(a=1)
print(d.a, d['a'], hasattr(d, 'b'))
class Money(int):
    def __str__(self):
        return '$%d' % int(self)
m = Money(5)
print(m, m + 1, type(m + 1).__name__, m * 2, repr(m))
