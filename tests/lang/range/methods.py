# range index, count and attributes
r = range(10, 30, 5)
print(r.index(20), r.count(15), r.count(16), r.start, r.stop, r.step)
try:
    r.index(11)
except ValueError as e:
    print(type(e).__name__)
