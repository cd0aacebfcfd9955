# adding attributes and methods after creation
class C:
    pass
c = C()
c.x = 1
C.y = 2
C.method = lambda self: 'added %d' % self.x
print(c.x, c.y, c.method(), getattr(c, 'z', 'default'))
setattr(C, 'z', 3)
print(c.z)
delattr(c, 'x')
print(hasattr(c, 'x'))
