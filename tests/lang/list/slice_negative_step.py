# slices with negative steps and bounds
l = list('abcdefgh')
print(l[::-1][:3], l[-1:-5:-1], l[5::-2])
print(l[:-6:-1], l[3:0:-1], l[0:3:-1])
