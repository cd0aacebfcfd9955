# enumerate returns index-value tuples
e = enumerate(['a', 'b'], 10)
print(type(e).__name__, list(e), list(enumerate('xyz'))[1])
for i, ch in enumerate('ab', start=100):
    print(i, ch)
print(dict(enumerate(['x', 'y'])))
