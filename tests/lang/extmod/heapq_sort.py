# heapq as a sort: pseudo-random data comes out ordered; strings work too.
import heapq

vals = [(i * 7919) % 101 for i in range(60)]
h = []
for v in vals:
    heapq.heappush(h, v)
res = [heapq.heappop(h) for _ in range(len(vals))]
print(res == sorted(vals), res[:5], res[-5:])
words = "the quick brown fox jumps over the lazy dog".split()
heapq.heapify(words)
print([heapq.heappop(words) for _ in range(len(words))])
