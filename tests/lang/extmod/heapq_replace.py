# heapq.heapreplace and heappushpop.
import heapq

h = [1, 3, 5]
heapq.heapify(h)
print(heapq.heapreplace(h, 4), sorted(h))
print(heapq.heappushpop(h, 0), sorted(h))
print(heapq.heappushpop(h, 10), sorted(h))
print(heapq.heappushpop([], 7))
try:
    heapq.heapreplace([], 1)
except IndexError:
    print("IndexError")
