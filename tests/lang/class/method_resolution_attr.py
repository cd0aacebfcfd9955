# instance attributes shadow class attributes and methods
class C:
    def f(self):
        return 'method'
c = C()
print(c.f())
c.f = lambda: 'instance attr'
print(c.f(), C().f())
