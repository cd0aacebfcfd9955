# exception raised in generator body after yields
def g():
    yield 1
    yield 2
    raise ValueError('gen failed')
out = []
try:
    for v in g():
        out.append(v)
except ValueError as e:
    out.append(str(e))
print(out)
