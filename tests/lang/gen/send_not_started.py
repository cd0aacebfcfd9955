# sending a non-None value to a fresh generator raises TypeError
def g():
    x = yield 1
    yield x
it = g()
try:
    it.send('early')
except TypeError as e:
    print(type(e).__name__)
print(it.send(None), it.send('late'))
