# dict with many keys and deletions
d = {}
for i in range(1000):
    d[i] = i * i
for i in range(0, 1000, 2):
    del d[i]
print(len(d), d[999], sum(d.values()), list(d)[:5])
