# struct.pack with explicit byte orders: every integer code, bools, padding, strings.
import struct

print(struct.pack("<b", -1), struct.pack("<B", 255), struct.pack(">b", 127))
print(struct.pack("<h", -2), struct.pack(">h", 0x1234), struct.pack("!H", 65535))
print(struct.pack("<i", -123456), struct.pack(">I", 0xDEADBEEF))
print(struct.pack("<l", 2147483647), struct.pack(">L", 4294967295))
print(struct.pack("<q", -1), struct.pack(">q", -(2 ** 63)), struct.pack("<Q", 2 ** 64 - 1))
print(struct.pack(">Q", 0x0102030405060708))
print(struct.pack("<??", True, 0), struct.pack("<?", []), struct.pack("<?", "x"))
print(struct.pack("<3x"), struct.pack(">bxh", 1, 2))
print(struct.pack("<5s", b"ab"), struct.pack("<2s", b"abcdef"), struct.pack("<0s", b"zz"))
print(struct.pack("<s", b"q"), struct.pack("<3sb", b"xyz", 9))
print(struct.pack("<4B", 1, 2, 3, 4), struct.pack(">2h", -1, 1))
print(struct.pack("= i", 5), struct.pack("< h h", 1, 2))
print(struct.pack("<", ), struct.pack(""))
print(struct.pack("<H", True))
