# random.seed(n) makes the sequence repeatable; different seeds give different sequences.
import random

random.seed(42)
a = [random.getrandbits(16) for _ in range(10)] + [random.randint(0, 99) for _ in range(10)]
random.seed(42)
b = [random.getrandbits(16) for _ in range(10)] + [random.randint(0, 99) for _ in range(10)]
print(a == b)
random.seed(43)
c = [random.getrandbits(16) for _ in range(10)] + [random.randint(0, 99) for _ in range(10)]
print(a != c)
random.seed(7)
x = random.random()
random.seed(7)
print(x == random.random())
random.seed()
random.seed(None)
print(0 <= random.random() < 1)
random.seed(2 ** 80 + 1)
print(0 <= random.getrandbits(8) < 256)
