# async functions as methods and with arguments
class Service:
    def __init__(self, base):
        self.base = base
    async def compute(self, x, *, scale=1):
        return (self.base + x) * scale
async def main():
    s = Service(10)
    return [await s.compute(1), await s.compute(2, scale=3)]
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
