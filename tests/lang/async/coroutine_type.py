# calling an async function creates a coroutine object
async def f():
    print('running f')
    return 7
c = f()
print(type(c).__name__)
try:
    c.send(None)
except StopIteration as e:
    print('result', e.value)
