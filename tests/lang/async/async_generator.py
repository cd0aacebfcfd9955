# async generators: async for, __anext__, asend, aclose, awaits inside, async comprehensions
async def agen(n):
    for i in range(n):
        yield i
    print("agen done")
class Sleep:
    def __await__(self):
        v = yield "tick"
        return v
async def agen2():
    x = await Sleep()
    yield x
    try:
        yield 2
    finally:
        print("agen2 cleanup")
async def main():
    out = []
    async for v in agen(3):
        out.append(v)
    print(out)
    g = agen2()
    print(await g.__anext__())
    print(await g.asend(None))
    await g.aclose()
    print([x async for x in agen(4) if x % 2])
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    return "main done"
def run(coro):
    v = None
    while True:
        try:
            r = coro.send(v)
            print("loop got", r)
            v = 42
        except StopIteration as e:
            return e.value
print(run(main()))
print(type(agen(1)).__name__)
