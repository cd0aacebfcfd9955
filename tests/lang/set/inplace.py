# in-place operators and update methods
a = {1, 2}
a |= {3}
print(sorted(a))
a &= {1, 3, 5}
print(sorted(a))
a -= {1}
print(sorted(a))
a ^= {3, 7}
print(sorted(a))
a.update([1, 2], 'x')
print(sorted(a, key=str))
a.intersection_update({1, 'x'})
print(sorted(a, key=str))
a.difference_update({1})
a.symmetric_difference_update({'y'})
print(sorted(a))
