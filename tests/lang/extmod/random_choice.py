# choice, shuffle and sample.
import random

random.seed(5)
items = ["a", "b", "c", "d"]
print(sorted(set(random.choice(items) for _ in range(200))))
print(random.choice("xyz") in "xyz", random.choice((1,)), random.choice(range(10, 11)))
lst = list(range(20))
random.shuffle(lst)
print(sorted(lst) == list(range(20)), len(lst))
one = [1]
random.shuffle(one)
print(one)
s = random.sample(range(100), 10)
print(len(s), len(set(s)), all(0 <= v < 100 for v in s))
print(sorted(random.sample("abcde", 5)))
print(random.sample([1, 2, 3], 0))
