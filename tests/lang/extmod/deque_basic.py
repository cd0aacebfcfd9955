# deque: appends and pops at both ends, extend, len, iteration, indexing.
from collections import deque

d = deque()
d.append(1)
d.append(2)
d.appendleft(0)
print(d, len(d), list(d), bool(d))
print(d.pop(), d.popleft(), d)
d.extend([3, 4, 5])
d.extendleft([-1, -2])
print(d, d[0], d[-1], d[2])
d[1] = 99
print(d, 99 in d, 7 in d)
print(d == deque([-2, 99, 1, 3, 4, 5]), d == deque([1]))
while d:
    d.pop()
print(d, bool(d), len(d))
try:
    d.pop()
except IndexError:
    print("IndexError")
try:
    deque().popleft()
except IndexError:
    print("IndexError")
print(deque("abc"), deque(range(3)), deque((1, 2)))
