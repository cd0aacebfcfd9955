# subset and superset tests
a = {1, 2}
b = {1, 2, 3}
print(a <= b, a < b, b < b, b <= b, b >= a, b > a, a > b)
print(a.issubset(b), b.issuperset(a), a.issubset([1, 2]), a.isdisjoint({3}), a.isdisjoint([2]))
print(a == {2, 1}, a != b)
