# async for uses __aiter__ and __anext__
class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
async def main():
    out = []
    async for v in Counter(4):
        out.append(v)
    return out
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
