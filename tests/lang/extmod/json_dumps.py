# json.dumps: CPython's default output format for every JSON type.
import json

print(json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps(0), json.dumps(-17), json.dumps(12345678901234567890))
print(json.dumps(1.5), json.dumps(-0.25), json.dumps(1e100), json.dumps(3.0))
print(json.dumps("plain"), json.dumps(""))
print(json.dumps('quote " backslash \\ slash /'))
print(json.dumps("tab\tnl\ncr\rbs\bff\f"))
print(json.dumps("\x00\x1f\x7f"))
print(json.dumps("caf\u00e9 \u20ac \U0001f600"))
print(json.dumps([]), json.dumps({}), json.dumps(()))
print(json.dumps([1, [2, [3, []]], {"k": (4, 5)}]))
print(json.dumps({"a": 1, "b": [True, None], "c": {"d": "e"}}))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none"}))
print(json.dumps(float("inf")), json.dumps(float("-inf")), json.dumps(float("nan")))
