# heapq needs a list and comparable items.
import heapq

for bad in [(), "abc", None]:
    try:
        heapq.heappush(bad, 1)
    except TypeError:
        print(type(bad).__name__, "TypeError")
h = [1]
try:
    heapq.heappush(h, "x")
except TypeError:
    print("mixed TypeError")


class Item:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        return self.n < other.n


h = []
for n in [3, 1, 2]:
    heapq.heappush(h, Item(n))
print([heapq.heappop(h).n for _ in range(3)])
