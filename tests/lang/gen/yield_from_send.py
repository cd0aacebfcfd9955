# send and throw pass through yield from
def inner():
    got = yield 'i1'
    print('inner got', got)
    try:
        yield 'i2'
    except KeyError:
        print('inner caught KeyError')
    return 'ret'
def outer():
    r = yield from inner()
    yield 'outer ' + r
g = outer()
print(next(g))
print(g.send('hello'))
print(g.throw(KeyError))
