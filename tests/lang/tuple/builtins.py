# builtins on tuples
t = (3, 1, 2)
print(sorted(t), min(t), max(t))
print(sum(t), list(reversed(t)), any(t))
print(all((1, 0)))
