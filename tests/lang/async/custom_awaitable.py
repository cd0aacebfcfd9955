# awaiting an object with __await__
class Yielder:
    def __init__(self, n):
        self.n = n
    def __await__(self):
        for i in range(self.n):
            yield 'tick %d' % i
        return 'done %d' % self.n
async def main():
    r = await Yielder(2)
    print('awaited', r)
    return r
c = main()
while True:
    try:
        print('yielded', c.send(None))
    except StopIteration as e:
        print('finished', e.value)
        break
