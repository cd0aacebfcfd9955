# StringIO holds text: non-ASCII characters read back whole.
import io

s = io.StringIO("h\u00e9llo \u20ac\nna\u00efve\n")
print(s.readline())
print(s.read(3), s.read())
s = io.StringIO()
s.write("\u00e9\u00e8")
s.write("\U0001f600")
print(s.getvalue(), len(s.getvalue()))
s.seek(0)
print(s.read(1), s.read(1), s.read(1), repr(s.read(1)))
