# __missing__ in a dict subclass
class Default(dict):
    def __missing__(self, key):
        return key * 2
d = Default(a=1)
print(d['a'], d['bb'], 'bb' in d, d.get('zz'))
