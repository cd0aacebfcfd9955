# in-place operators with and without __iadd__
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, v):
        self.items.append(v)
        return self
class Imm:
    def __init__(self, n):
        self.n = n
    def __add__(self, o):
        return Imm(self.n + o)
a = Acc()
alias = a
a += 1
a += 2
print(a.items, a is alias)
i = Imm(1)
j = i
i += 5
print(i.n, j.n, i is j)
class All:
    def __isub__(self, o):
        return 'isub'
    def __imul__(self, o):
        return 'imul'
x = All()
x -= 1
y = All()
y *= 2
print(x, y)
