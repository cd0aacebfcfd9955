# Dict insert, lookup and delete with int and str keys.
d = {}
for i in range(1000000):
    d[i] = i
s = 0
for i in range(1000000):
    s += d[i]
for i in range(0, 1000000, 2):
    del d[i]
names = {}
for i in range(200000):
    names["k" + str(i)] = i
for i in range(200000):
    s += names["k" + str(i)]
print(s, len(d), len(names))
