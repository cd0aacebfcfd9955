# struct.pack_into writes into a bytearray at an offset; wrong counts and ranges raise.
import struct

buf = bytearray(10)
struct.pack_into("<HI", buf, 1, 0xABCD, 7)
print(buf)
struct.pack_into(">b", buf, -1, -1)
print(buf)
struct.pack_into("<2s", buf, 0, b"zz")
print(bytes(buf))
try:
    struct.pack_into("<I", buf, 8, 1)
except Exception:
    print("too small")
for fmt, args in [("<h", ()), ("<h", (1, 2)), ("<b", (128,)), ("<B", (-1,)), ("<h", (40000,)),
                  ("<I", (-1,)), ("<Q", (2 ** 64,)), ("<q", (2 ** 63,)), ("<i", ("x",)), ("<i", (1.5,))]:
    try:
        struct.pack(fmt, *args)
        print(fmt, args, "packed")
    except Exception:
        print(fmt, args, "error")
