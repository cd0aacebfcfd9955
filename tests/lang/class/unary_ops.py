# unary special methods and abs/int/float/index
class U:
    def __neg__(self):
        return 'neg'
    def __pos__(self):
        return 'pos'
    def __invert__(self):
        return 'inv'
    def __abs__(self):
        return 'abs'
    def __int__(self):
        return 7
    def __float__(self):
        return 7.5
    def __index__(self):
        return 3
u = U()
print(-u, +u, ~u, abs(u), int(u), float(u), [10, 20, 30, 40][u], hex(u))
