# json.dump to a stream and json.load from one; round trips.
import io
import json

buf = io.StringIO()
json.dump({"k": [1, 2, {"n": None}]}, buf)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))

values = [None, True, 0, -5, 2.25, "s\u00e9", [1, "2", [3.5]], {"a": {"b": {}}}]
for v in values:
    text = json.dumps(v)
    print(text, json.loads(text) == v)

out = io.StringIO()
json.dump([1, 2], out, separators=(",", ":"))
print(out.getvalue())
