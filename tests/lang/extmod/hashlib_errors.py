# hashlib refuses str data.
import hashlib

for algo in (hashlib.sha256, hashlib.sha1, hashlib.md5):
    try:
        algo("text")
    except TypeError:
        print("TypeError")
    h = algo()
    try:
        h.update("text")
    except TypeError:
        print("TypeError")
    h.update("text".encode())
    print(h.hexdigest() == algo(b"text").hexdigest())
