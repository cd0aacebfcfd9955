# struct.unpack and unpack_from: sign extension, big ints, strings, offsets.
import struct

print(struct.unpack("<b", b"\xff"), struct.unpack("<B", b"\xff"))
print(struct.unpack(">h", b"\x80\x00"), struct.unpack("<H", b"\x00\x80"))
print(struct.unpack("<i", b"\xff\xff\xff\xff"), struct.unpack(">I", b"\xde\xad\xbe\xef"))
print(struct.unpack("<q", b"\xff" * 8), struct.unpack("<Q", b"\xff" * 8))
print(struct.unpack(">q", b"\x80" + bytes(7)), struct.unpack(">Q", b"\x80" + bytes(7)))
print(struct.unpack("<?x?", b"\x01\x00\x00"))
print(struct.unpack("<3s2s", b"abcde"))
print(struct.unpack("<hhl", struct.pack("<hhl", 1, -2, 3)))
data = bytes(range(12))
print(struct.unpack_from("<H", data), struct.unpack_from("<H", data, 2))
print(struct.unpack_from(">I", data, offset=4), struct.unpack_from("<B", data, -1))
print(struct.unpack_from("<2B", bytearray(b"\x05\x06\x07"), 1))
print(struct.unpack("<I", memoryview(b"\x01\x00\x00\x00")))
for fmt, n in [("<i", 3), ("<i", 5)]:
    try:
        struct.unpack(fmt, bytes(n))
    except Exception:
        print("error for", fmt, n)
try:
    struct.unpack_from("<I", b"abc")
except Exception:
    print("error for short buffer")
