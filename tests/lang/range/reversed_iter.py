# reversed and iterating ranges
print(list(reversed(range(5))), list(reversed(range(1, 10, 4))))
it = iter(range(3))
print(next(it), next(it), next(it))
print(next(it, 'done'))
