# namedtuple: construction, repr, field access, indexing, unpacking, equality with tuples.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p, repr(p), str(p))
print(p.x, p.y, p[0], p[1], p[-1], len(p))
x, y = p
print(x, y, list(p), tuple(p))
print(p == (1, 2), (1, 2) == p, p != Point(2, 1), p == Point(x=1, y=2))
print(Point(y=5, x=4), Point(7, y=8))
print(Point._fields, p._fields)
print(p[:1], p[::-1], 2 in p, 3 in p)
print(hash(p) == hash((1, 2)), {p: "here"}[(1, 2)])
print(type(p).__name__, isinstance(p, tuple))
print(p.count(1), p.index(2))
