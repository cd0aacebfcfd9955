# sorting incomparable items raises TypeError
l = [1, 'a', 2]
try:
    l.sort()
except TypeError as e:
    print(type(e).__name__)
print(sorted([[2, 1], [1, 5], [1, 2]]), sorted([(1, 'b'), (1, 'a')]))
