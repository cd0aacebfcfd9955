# OrderedDict: a dict that remembers order, with move_to_end and popitem(last=).
from collections import OrderedDict

od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
print(list(od), list(od.items()), len(od), od["a"])
od.move_to_end("b")
print(list(od.keys()))
od.move_to_end("c", last=False)
print(list(od.keys()))
print(od.popitem(), od.popitem(last=False), list(od))
od2 = OrderedDict([("x", 1), ("y", 2)])
print(od2, OrderedDict())
print(isinstance(od2, dict), od2.get("y"), "x" in od2, od2.pop("x"), od2)
od3 = OrderedDict(a=1, b=2)
print(sorted(od3.items()))
try:
    od3.move_to_end("zz")
except KeyError:
    print("KeyError")
try:
    OrderedDict().popitem()
except KeyError:
    print("KeyError")
