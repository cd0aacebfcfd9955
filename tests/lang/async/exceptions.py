# exceptions propagate out of awaited coroutines
async def fail():
    raise KeyError('missing')
async def main():
    try:
        await fail()
    except KeyError as e:
        print('caught', e)
    await fail()
c = main()
try:
    c.send(None)
except KeyError as e:
    print('escaped', e)
