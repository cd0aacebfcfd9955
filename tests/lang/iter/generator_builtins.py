# builtins consume generator expressions
print(sum(x for x in range(5)), max(x % 7 for x in range(20)))
print(min(len(w) for w in ['aa', 'b']))
print(list(x * 2 for x in 'ab'), tuple(i for i in range(3)))
print(dict((i, i * i) for i in range(3)))
print(sorted(set(c for c in 'mississippi')))
