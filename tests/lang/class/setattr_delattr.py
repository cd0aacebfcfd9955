# __setattr__ and __delattr__ intercept assignments
class Logged:
    def __setattr__(self, name, value):
        print('set', name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print('del', name)
        super().__delattr__(name)
o = Logged()
o.a = 1
setattr(o, 'b', 2)
print(o.a, o.b)
del o.a
print(hasattr(o, 'a'))
