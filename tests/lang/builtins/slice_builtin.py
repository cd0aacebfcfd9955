# slice() builtin objects used for indexing
s = slice(2)
t = slice(1, None, 2)
print('abcdef'[s], 'abcdef'[t], [0, 1, 2, 3][t])
print(s.stop, t.step)
