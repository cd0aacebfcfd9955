# struct floats: 'f' rounds to single precision, 'd' keeps every bit.
import struct

print(struct.pack("<f", 1.5), struct.pack(">f", -2.0), struct.pack("<d", 0.1))
print(struct.pack(">d", 1e300), struct.pack("<f", 0))
print(struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.unpack("<d", struct.pack("<d", 0.1)))
print(struct.unpack(">ff", struct.pack(">ff", 3.25, -1e10)))
print(struct.unpack("<d", b"\x00\x00\x00\x00\x00\x00\xf0\x7f"))
print(struct.unpack("<f", b"\x00\x00\x80\xff"))
x = struct.unpack("<d", struct.pack("<d", float("nan")))[0]
print(x != x)
print(struct.pack("<d", 7), struct.pack("<f", True))
