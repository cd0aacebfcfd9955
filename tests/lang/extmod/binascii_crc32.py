# binascii.crc32: known values, incremental computation, unsigned result.
import binascii

print(binascii.crc32(b""), binascii.crc32(b"a"), binascii.crc32(b"hello world"))
print(binascii.crc32(b"The quick brown fox jumps over the lazy dog"))
print(binascii.crc32(b"123456789"), hex(binascii.crc32(b"123456789")))
crc = binascii.crc32(b"hello ")
print(binascii.crc32(b"world", crc) == binascii.crc32(b"hello world"))
print(binascii.crc32(b"x", 0xFFFFFFFF), binascii.crc32(bytearray(b"abc")))
print(binascii.crc32(bytes(1000)))
