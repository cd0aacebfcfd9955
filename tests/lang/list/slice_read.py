# reading list slices
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[::2], l[::-1], l[8:2:-2], l[-3:], l[5:2], l[:100])
c = l[:]
c.append(99)
print(len(l), len(c))
