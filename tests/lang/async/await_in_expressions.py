# await inside expressions, comprehensions and conditions
async def val(x):
    return x
async def main():
    total = await val(1) + await val(2) * 3
    items = [await val(i) for i in range(3)]
    flag = 'yes' if await val(True) else 'no'
    return total, items, flag
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
