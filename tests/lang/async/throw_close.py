# throw and close on a suspended coroutine
class Pause:
    def __await__(self):
        yield 'paused'
async def main():
    try:
        await Pause()
    except ValueError as e:
        print('coroutine caught', e)
        await Pause()
    finally:
        print('coroutine finally')
c = main()
print(c.send(None))
print(c.throw(ValueError('injected')))
c.close()
print('closed')
