# slicing ranges gives ranges
r = range(0, 20, 2)
print(r[2:5], list(r[2:5]), list(r[::-1]))
print(r[::3], list(r[1:-1:2]))
