# bound and unbound method objects
class C:
    def __init__(self, n):
        self.n = n
    def get(self):
        return self.n
a = C(1)
b = C(2)
m = a.get
print(m(), C.get(b), m.__self__ is a, a.get == a.get, a.get == b.get)
fs = [x.get for x in (a, b)]
print([f() for f in fs])
