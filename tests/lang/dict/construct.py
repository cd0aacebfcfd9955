# dict construction forms
print({}, dict(), {'a': 1, 'b': 2})
print(dict(a=1, b=2))
print(dict([('x', 1), ('y', 2)]), dict({'k': 'v'}, extra=3))
print(dict(zip('abc', range(3))))
print({1: 'int', 'one': 'str', (1,): 'tuple', None: 'none'})
