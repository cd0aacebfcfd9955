# hash.copy() forks the state.
import hashlib

a = hashlib.sha256(b"common ")
b = a.copy()
a.update(b"left")
b.update(b"right")
print(a.hexdigest() == hashlib.sha256(b"common left").hexdigest())
print(b.hexdigest() == hashlib.sha256(b"common right").hexdigest())
m = hashlib.md5(b"x")
print(m.copy().hexdigest() == m.hexdigest())
