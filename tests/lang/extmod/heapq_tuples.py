# heapq with (priority, item) tuples: a priority queue.
import heapq

tasks = []
heapq.heappush(tasks, (3, "write"))
heapq.heappush(tasks, (1, "plan"))
heapq.heappush(tasks, (2, "code"))
heapq.heappush(tasks, (1, "coffee"))
while tasks:
    prio, name = heapq.heappop(tasks)
    print(prio, name)
h = [(5, "e"), (2, "b"), (4, "d"), (1, "a"), (3, "c")]
heapq.heapify(h)
print([heapq.heappop(h)[1] for _ in range(5)])
