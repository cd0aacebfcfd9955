# true division of ints gives floats
print(7 / 2, -7 / 2, 6 / 3)
print(1 / 4)
print(0 / 5, 10 / -4)
print(type(4 / 2).__name__)
