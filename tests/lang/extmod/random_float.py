# random() in [0, 1) and uniform(a, b) between its bounds.
import random

random.seed(3)
vals = [random.random() for _ in range(1000)]
print(all(0.0 <= v < 1.0 for v in vals), min(vals) < 0.05, max(vals) > 0.95)
print(0.3 < sum(vals) / len(vals) < 0.7)
print(type(random.random()).__name__)
us = [random.uniform(2, 5) for _ in range(200)]
print(all(2 <= u <= 5 for u in us))
us = [random.uniform(1.5, -1.5) for _ in range(200)]
print(all(-1.5 <= u <= 1.5 for u in us))
