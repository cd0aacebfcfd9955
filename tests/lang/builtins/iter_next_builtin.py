# iter and next builtins
it = iter({'a': 1, 'b': 2})
print(next(it), next(it), next(it, None))
g = iter(range(2))
print(next(g), next(g), next(g, 'dflt'))
