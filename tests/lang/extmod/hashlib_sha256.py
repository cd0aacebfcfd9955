# hashlib.sha256: known digests, hexdigest, constructor data.
import hashlib

print(hashlib.sha256().hexdigest())
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.sha256(b"abc").digest())
h = hashlib.sha256()
h.update(b"a")
h.update(b"bc")
print(h.hexdigest() == hashlib.sha256(b"abc").hexdigest())
print(len(hashlib.sha256(b"x").digest()), hashlib.sha256().digest_size, hashlib.sha256().block_size)
print(hashlib.sha256(bytes(1000)).hexdigest())
print(hashlib.sha256(bytearray(b"board")).hexdigest())
