# iterating dict views with iter and next
d = {'a': 1, 'b': 2}
k = iter(d)
v = iter(d.values())
i = iter(d.items())
print(next(k), next(v), next(i), next(k), next(k, 'stop'))
