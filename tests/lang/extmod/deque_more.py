# deque rotate, clear, count, remove, and mutation during iteration.
from collections import deque

d = deque(range(6))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate()
print(d)
print(d.count(3), d.count(9))
d.remove(3)
print(d)
try:
    d.remove(42)
except ValueError:
    print("ValueError")
d.clear()
print(d, len(d))
d.extend([1, 2, 3])
try:
    for x in d:
        d.append(x)
except RuntimeError:
    print("RuntimeError")
q = deque()
for i in range(100):
    q.append(i)
    if i % 3 == 0:
        q.popleft()
print(len(q), q[0], q[-1], sum(q))
