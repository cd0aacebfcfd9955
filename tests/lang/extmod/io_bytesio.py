# io.BytesIO: bytes in and out, overwrite, readinto, writing past the end.
import io

b = io.BytesIO(b"\x00\x01\x02data")
print(b.read(3), b.read(), b.read())
b = io.BytesIO()
print(b.write(b"abc"), b.write(bytearray(b"de")), b.write(memoryview(b"f")))
print(b.getvalue(), b.tell())
b.seek(1)
b.write(b"ZZ")
print(b.getvalue())
b.seek(8)
b.write(b"!")
print(b.getvalue())
b.seek(0)
buf = bytearray(4)
print(b.readinto(buf), buf)
b = io.BytesIO(b"one\ntwo\n")
print(b.readline(), b.readlines())
try:
    io.BytesIO().write("str")
except TypeError:
    print("TypeError")
try:
    io.StringIO().write(b"bytes")
except TypeError:
    print("TypeError")
