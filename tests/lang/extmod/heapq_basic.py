# heapq: push, pop and heapify keep the smallest item first.
import heapq

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h[0], len(h))
print([heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2, 2, 6]
heapq.heapify(data)
print(data[0], sorted(data) == [1, 2, 2, 4, 6, 7, 8, 9])
out = []
while data:
    out.append(heapq.heappop(data))
print(out)
try:
    heapq.heappop([])
except IndexError:
    print("IndexError")
