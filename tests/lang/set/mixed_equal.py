# equal numbers collapse in sets
s = {1, 1.0, True}
print(len(s))
s = {0, False, 0.0, -0.0}
print(len(s))
print(sorted({1, 2} | {2.0, 3.0}))
