# return in a generator sets StopIteration.value
def g():
    yield 'a'
    return 'done'
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print('stop', e.value)
def h():
    return 5
    yield
try:
    next(h())
except StopIteration as e:
    print('immediate', e.value)
