# enumerate with list updates
l = ['a', 'b', 'c']
for i, v in enumerate(l):
    l[i] = v * (i + 1)
print(l)
