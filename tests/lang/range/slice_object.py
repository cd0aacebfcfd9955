# slice objects and their attributes
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, slice(5).start, slice(5).stop, slice(1, 2).step)
l = list(range(12))
print(l[s], 'abcdefghijkl'[s], l[slice(None, None, -3)])
