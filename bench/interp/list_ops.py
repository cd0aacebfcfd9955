# List append, sort, slicing and comprehensions.
total = 0
for rep in range(100):
    xs = []
    for i in range(20000):
        xs.append((i * 7919) % 10007)
    xs.sort()
    ys = [x * 2 for x in xs if x % 3]
    total += sum(ys[100:5000]) + len(xs[::3])
print(total)
