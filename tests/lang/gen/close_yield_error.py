# yielding after GeneratorExit makes close() raise RuntimeError
def g():
    try:
        yield 1
    except GeneratorExit:
        yield 'bad'
it = g()
next(it)
try:
    it.close()
except RuntimeError as e:
    print(type(e).__name__)
