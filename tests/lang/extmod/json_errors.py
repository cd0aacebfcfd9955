# json.loads rejects malformed text with ValueError (CPython raises a ValueError subclass).
import json

bad = ["", " ", "[", "[1,", "[1 2]", "{", '{"a"}', '{"a":}', "{1: 2}", '{"a": 1,}', "[1,]",
       "tru", "nul", "01", "1.", ".5", "-", "1e", '"abc', '"\\x"', '"\\u12"', "[1] x", "'a'",
       '"tab\there"', "+1"]
for text in bad:
    try:
        json.loads(text)
        print(repr(text), "accepted")
    except ValueError:
        print(repr(text), "ValueError")
