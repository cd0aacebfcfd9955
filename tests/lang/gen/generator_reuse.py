# generators are single-use iterators
def g():
    yield from range(3)
it = g()
print(list(it), list(it), iter(it) is it)
