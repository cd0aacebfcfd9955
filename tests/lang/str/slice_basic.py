# string slicing with steps and out-of-range bounds
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::3], s[::-1], s[8:2:-2], s[-1:-4:-1])
print(repr(s[5:2]), s[-100:100], repr(s[100:]))
print(s[slice(1, 9, 3)])
