# deque(maxlen=n) drops from the opposite end when full.
from collections import deque

d = deque([1, 2, 3], 3)
d.append(4)
print(d, d.maxlen)
d.appendleft(0)
print(d)
d.extend([7, 8, 9, 10])
print(d)
d = deque(maxlen=2)
for i in range(5):
    d.append(i)
print(d, list(d))
z = deque([1, 2], maxlen=0)
z.append(3)
print(z, len(z))
print(deque().maxlen)
hist = deque(maxlen=3)
for line in ["a", "b", "c", "d", "e"]:
    hist.append(line)
    print(list(hist))
