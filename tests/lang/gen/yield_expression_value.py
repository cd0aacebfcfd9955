# yield used as an expression without send gives None
def g():
    a = yield 1
    b = yield 2
    yield (a, b)
print(list(g()))
