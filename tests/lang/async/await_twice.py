# a coroutine cannot be awaited after it finished
async def one():
    return 1
async def main():
    c = one()
    a = await c
    try:
        await c
    except RuntimeError as e:
        print(type(e).__name__)
    return a
co = main()
try:
    co.send(None)
except StopIteration as e:
    print(e.value)
