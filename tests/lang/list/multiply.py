# list repetition with negative and zero counts
print([1, 2] * 0, [1] * -3, [None] * 3)
l = [1, 2]
l *= 3
print(l)
