# sets of strings
words = 'the quick brown fox jumps over the lazy dog the end'.split()
u = set(words)
print(len(words), len(u), sorted(u))
print(sorted(u & {'fox', 'cat', 'dog'}))
