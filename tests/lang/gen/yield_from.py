# yield from delegates and returns the subgenerator result
def inner():
    yield 1
    yield 2
    return 'inner result'
def outer():
    r = yield from inner()
    print('got', r)
    yield from [10, 20]
    yield from 'ab'
print(list(outer()))
