# Iterating over a StringIO or BytesIO yields lines.
import io

for line in io.StringIO("first\nsecond\nthird"):
    print(repr(line))
print(list(io.BytesIO(b"a\nb\n")))
print(list(io.StringIO("")))
s = io.StringIO("x\ny\n")
print(next(s), next(s), end="")
try:
    next(s)
except StopIteration:
    print("StopIteration")
print(sum(1 for _ in io.StringIO("1\n2\n3\n4")))
