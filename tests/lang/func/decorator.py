# function decorators
def shout(fn):
    def wrapper(*a, **k):
        return fn(*a, **k).upper()
    return wrapper
@shout
def greet(name):
    return 'hello ' + name
print(greet('bob'))
def tag(t):
    def deco(fn):
        return lambda: '<%s>%s</%s>' % (t, fn(), t)
    return deco
@tag('b')
@tag('i')
def text():
    return 'x'
print(text())
