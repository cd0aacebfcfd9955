# randint, randrange and getrandbits stay inside their bounds and reach both ends.
import random

random.seed(1)
seen = set(random.randint(1, 6) for _ in range(400))
print(sorted(seen))
seen = set(random.randrange(10) for _ in range(500))
print(sorted(seen))
vals = [random.randrange(3, 30, 3) for _ in range(300)]
print(min(vals) >= 3, max(vals) < 30, all(v % 3 == 0 for v in vals), len(set(vals)))
vals = [random.randrange(10, 0, -2) for _ in range(200)]
print(sorted(set(vals)))
print(all(0 <= random.getrandbits(5) < 32 for _ in range(200)))
print(random.getrandbits(0), random.randint(5, 5), random.randrange(-3, -2))
big = random.getrandbits(100)
print(0 <= big < 2 ** 100)
print(all(0 <= random.randrange(2 ** 70) < 2 ** 70 for _ in range(20)))
print(all(-5 <= random.randint(-5, -1) <= -1 for _ in range(100)))
