# dir() lists attributes
class C:
    cls_attr = 1
    def meth(self):
        pass
c = C()
c.inst = 2
d = dir(c)
print('cls_attr' in d, 'meth' in d, 'inst' in d, 'nope' in d, d == sorted(d))
print('append' in dir([]), 'upper' in dir(''), 'keys' in dir({}))
x = 1
print('x' in dir(), 'C' in dir())
