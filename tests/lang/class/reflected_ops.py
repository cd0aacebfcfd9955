# reflected arithmetic methods
class R:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return 'R+%r' % (o,)
    def __radd__(self, o):
        return '%r+R' % (o,)
    def __rsub__(self, o):
        return '%r-R' % (o,)
    def __rmul__(self, o):
        return '%r*R' % (o,)
    def __rtruediv__(self, o):
        return '%r/R' % (o,)
    def __rpow__(self, o):
        return '%r**R' % (o,)
r = R(1)
print(r + 1, 1 + r, 2 - r, 3 * r, 4 / r, 5 ** r, 'a' + r, [1] * r)
print(sum([r], 0))
