# sum with start and mixed numeric types
print(sum([1, 2, 3]), sum([1, 2.5]), sum([], 5))
print(sum(range(10), start=100), sum([True, True]))
print(sum([0.1, 0.2, 0.3]), sum([10 ** 20, 1]), sum([-1, -2], -3))
print(sum(x for x in range(5) if x % 2))
