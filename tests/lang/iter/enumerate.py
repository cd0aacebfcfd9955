# enumerate with and without start
print(list(enumerate('abc')), list(enumerate('abc', 1)), list(enumerate([], 5)))
for i, c in enumerate('xy', start=-1):
    print(i, c)
e = enumerate([10, 20])
print(next(e), next(e))
