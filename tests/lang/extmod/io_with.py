# StringIO and BytesIO are context managers that close on exit; closed streams raise ValueError.
import io

with io.StringIO("content") as s:
    print(s.read(), s.closed)
print(s.closed)
try:
    s.read()
except ValueError:
    print("ValueError")
b = io.BytesIO(b"x")
b.close()
b.close()
for op in (lambda: b.getvalue(), lambda: b.write(b"y"), lambda: b.seek(0), lambda: b.tell()):
    try:
        op()
    except ValueError:
        print("ValueError")
