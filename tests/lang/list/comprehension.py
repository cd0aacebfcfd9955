# list comprehensions with conditions and nesting
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(a, b) for a in range(3) for b in range(a)])
print([[c for c in w] for w in ('ab', 'cd')])
print([x if x % 2 else -x for x in range(5)])
