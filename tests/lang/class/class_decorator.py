# class decorators
def add_hello(cls):
    cls.hello = lambda self: 'hello from ' + type(self).__name__
    return cls
@add_hello
class Greeter:
    pass
print(Greeter().hello())
