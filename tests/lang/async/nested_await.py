# deeply nested awaits with a suspension at the bottom
class Suspend:
    def __await__(self):
        v = yield 'suspend'
        return v
async def level(n):
    if n == 0:
        return await Suspend()
    return 1 + await level(n - 1)
c = level(3)
print(c.send(None))
try:
    c.send(100)
except StopIteration as e:
    print(e.value)
