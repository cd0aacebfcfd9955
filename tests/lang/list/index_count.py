# index and count methods
l = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
print(l.index(5), l.index(5, 5), l.index(1, 2, 4), l.count(5), l.count(7))
try:
    l.index(7)
except ValueError as e:
    print(type(e).__name__)
