# del statement forms
a, b, c = 1, 2, 3
del a
del b, c
print('a' in globals(), 'b' in globals())
l = list(range(5))
del l[1], l[-1]
print(l)
d = {'x': 1, 'y': 2}
del d['x']
print(d)
class O:
    pass
o = O()
o.attr = 1
del o.attr
print(hasattr(o, 'attr'))
