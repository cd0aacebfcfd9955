# % formatting with a mapping
d = {'name': 'Ann', 'n': 3, 'f': 2.5}
print('%(name)s has %(n)d items costing %(f).2f' % d)
print('%(n)05d %(name)r' % d)
try:
    '%(missing)s' % d
except KeyError as e:
    print(type(e).__name__)
