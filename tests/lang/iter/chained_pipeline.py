# chaining iterator builtins together
words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']
lens = map(len, words)
long_ones = filter(lambda p: p[1] > 4, zip(words, lens))
print([(i, w) for i, (w, n) in enumerate(long_ones)])
print(sorted(zip(map(len, words), words), reverse=True)[:2])
