# namedtuples compare and combine like tuples; sorting and min/max work.
from collections import namedtuple

P = namedtuple("P", "a b")
ps = [P(3, 1), P(1, 2), P(2, 0), P(1, 1)]
print(sorted(ps))
print(min(ps), max(ps, key=lambda p: p.b))
print(P(1, 2) < P(1, 3), P(2, 0) > (1, 9), P(1, 1) <= (1, 1))
print(P(1, 2) + (3,), (0,) + P(1, 2), P(1, 2) * 2)
print(sorted(P(5, 6)), sum(P(5, 6)), "%d-%d" % tuple(P(5, 6)))
Q = namedtuple("Q", "a b")
print(P(1, 2) == Q(1, 2))
print([p.a for p in ps if p.b > 0])
