# namedtuple field lists as comma strings or sequences; _asdict, _replace, _make, defaults.
from collections import namedtuple

Color = namedtuple("Color", "red, green,blue")
c = Color(1, 2, 3)
print(c, c.green)
Pair = namedtuple("Pair", ["key", "value"])
pr = Pair("k", [1])
print(pr, pr.value)
print(pr._asdict())
print(c._replace(green=20), c)
print(Color._make([7, 8, 9]), Color._make(range(3)))
Opt = namedtuple("Opt", "a b c", defaults=[10, 20])
print(Opt(1), Opt(1, 2), Opt(1, 2, 3))
Rec = namedtuple("Rec", ("id",))
print(Rec(5), Rec(5)[0])
for bad in (lambda: Color(1, 2), lambda: Color(1, 2, 3, 4), lambda: Color(1, 2, 3, red=1),
            lambda: Color(1, 2, purple=3)):
    try:
        bad()
    except TypeError:
        print("TypeError")
try:
    c.red = 5
except AttributeError:
    print("AttributeError")
try:
    c._replace(nope=1)
except ValueError:
    print("ValueError")
