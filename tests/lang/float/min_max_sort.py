# min, max, sorting with floats and ints
vals = [3, 2.5, -1, 0.0, 10, 9.75]
print(min(vals), max(vals), sorted(vals))
print(sorted(vals, reverse=True))
print(sum(vals))
