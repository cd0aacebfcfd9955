# slicing with very large and very negative bounds
l = [1, 2, 3]
s = 'abc'
print(l[-10 ** 20:10 ** 20], s[10 ** 20:], l[::10 ** 20])
print(s[::-10 ** 20])
