# print(file=StringIO()) collects output; seek and tell round trip.
import io

out = io.StringIO()
print("a", 1, file=out)
print("b", end="!", file=out)
print(repr(out.getvalue()))
s = io.StringIO("0123456789")
s.seek(4)
print(s.tell(), s.read(2), s.tell())
print(s.seek(0, 2), repr(s.read()))
b = io.BytesIO(b"0123456789")
print(b.seek(-3, 2), b.read())
print(b.seek(2), b.seek(3, 1), b.read(1))
try:
    s.seek(-1)
except ValueError:
    print("ValueError")
