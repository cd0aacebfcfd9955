# building new lists while iterating
src = [1, 2, 3, 4, 5, 6]
evens = []
for x in src:
    if x % 2 == 0:
        evens.append(x)
print(evens)
out = [x for x in src[:] if x > 2]
print(out)
