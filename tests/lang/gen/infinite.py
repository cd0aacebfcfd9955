# infinite generators consumed partially
def naturals():
    n = 0
    while True:
        yield n
        n += 1
g = naturals()
print([next(g) for _ in range(5)])
for v in g:
    if v > 8:
        break
print(v, next(g))
