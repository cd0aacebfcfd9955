# Digests can be taken before more data is added, as in CPython.
import hashlib

h = hashlib.sha256(b"part1")
first = h.hexdigest()
h.update(b"part2")
print(first == hashlib.sha256(b"part1").hexdigest())
print(h.hexdigest() == hashlib.sha256(b"part1part2").hexdigest())
print(h.digest() == h.digest())
for algo in (hashlib.sha1, hashlib.md5, hashlib.sha256):
    a = algo()
    for chunk in [b"x" * 63, b"y" * 65, b"", b"z"]:
        a.update(chunk)
    print(a.hexdigest() == algo(b"x" * 63 + b"y" * 65 + b"z").hexdigest())
