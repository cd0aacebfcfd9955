# Equality: order matters between OrderedDicts, not against a plain dict.
from collections import OrderedDict

a = OrderedDict([(1, "x"), (2, "y")])
b = OrderedDict([(2, "y"), (1, "x")])
print(a == b, a != b, dict(a) == dict(b))
print(a == {2: "y", 1: "x"}, {1: "x", 2: "y"} == b)
c = OrderedDict(a)
print(c == a, c is a)
c[3] = "z"
del c[1]
print(list(c.items()), c == a)
for k, v in c.items():
    print(k, v)
