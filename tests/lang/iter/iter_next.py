# iter and next with and without default
it = iter([1, 2])
print(next(it), next(it), next(it, 'end'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__)
s = iter('ab')
print(next(s), list(s), list(s))
