# async with calls __aenter__ and __aexit__
class Resource:
    async def __aenter__(self):
        print('aenter')
        return 'res'
    async def __aexit__(self, et, ev, tb):
        print('aexit', et.__name__ if et else None)
        return True
async def main():
    async with Resource() as r:
        print('using', r)
    async with Resource():
        raise ValueError('suppressed')
    return 'ok'
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
