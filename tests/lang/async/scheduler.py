# a tiny round-robin scheduler for coroutines
class Yield:
    def __await__(self):
        yield
async def worker(name, n):
    for i in range(n):
        print(name, i)
        await Yield()
    return name + ' done'
tasks = [worker('a', 3), worker('b', 2), worker('c', 1)]
results = []
while tasks:
    t = tasks.pop(0)
    try:
        t.send(None)
        tasks.append(t)
    except StopIteration as e:
        results.append(e.value)
print(results)
