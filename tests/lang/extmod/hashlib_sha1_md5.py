# hashlib.sha1 and hashlib.md5.
import hashlib

print(hashlib.sha1().hexdigest())
print(hashlib.sha1(b"The quick brown fox jumps over the lazy dog").hexdigest())
print(hashlib.md5().hexdigest())
print(hashlib.md5(b"The quick brown fox jumps over the lazy dog").hexdigest())
print(hashlib.md5(b"abc").digest())
print(len(hashlib.sha1().digest()), len(hashlib.md5().digest()))
print(hashlib.sha1().digest_size, hashlib.md5().digest_size)
