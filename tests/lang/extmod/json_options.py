# json.dumps keyword arguments: separators, indent, sort_keys, default.
import json

data = {"b": [1, 2], "a": {"x": None}, "c": "s"}
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=(", ", " = ")))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2))
print(json.dumps([1, [], {}, [2]], indent=0))
print(json.dumps(data, indent="\t", sort_keys=True))
print(json.dumps({"e": []}, indent=4))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


print(json.dumps([Point(1, 2)], default=lambda p: {"x": p.x, "y": p.y}))
try:
    json.dumps(Point(1, 2))
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps({(1, 2): 3})
except TypeError:
    print("TypeError for tuple key")
