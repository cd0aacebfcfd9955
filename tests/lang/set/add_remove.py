# add, remove, discard, pop, clear
s = set()
s.add(1)
s.add(2)
s.add(1)
print(sorted(s))
s.remove(1)
s.discard(99)
s.discard(2)
print(sorted(s), len(s))
try:
    s.remove(5)
except KeyError as e:
    print(type(e).__name__)
s = {7}
print(s.pop(), s)
try:
    s.pop()
except KeyError as e:
    print(type(e).__name__)
s = {1, 2}
s.clear()
print(s)
