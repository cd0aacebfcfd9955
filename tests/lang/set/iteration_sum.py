# order-independent operations over sets
s = set(range(0, 100, 7))
print(len(s), sum(s), min(s))
print(max(s), sorted(s)[:4])
print(all(x % 7 == 0 for x in s), any(x > 90 for x in s))
