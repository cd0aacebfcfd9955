# values sent into a coroutine reach the awaited iterator
class Ask:
    def __await__(self):
        answer = yield 'question'
        return answer
async def main():
    a = await Ask()
    b = await Ask()
    return a + b
c = main()
print(c.send(None))
print(c.send(10))
try:
    c.send(32)
except StopIteration as e:
    print('sum', e.value)
