# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# Text and binary files: write, read back, lines, iteration, context managers.
with open("a.txt", "w") as f:
    print(f.write("first line\n"), f.write("second line\nthird"))
    print(f.closed)
print(f.closed)
with open("a.txt") as f:
    print(repr(f.read()))
with open("a.txt") as f:
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()), repr(f.readline()))
with open("a.txt") as f:
    print(f.readlines())
with open("a.txt", "r") as f:
    for i, line in enumerate(f):
        print(i, repr(line))
f = open("a.txt")
print(repr(f.read(5)), repr(f.read(0)), repr(f.read(7)))
print(repr(f.read()), repr(f.read()))
f.close()
with open("b.bin", "wb") as f:
    print(f.write(b"\x00\x01\x02\xff" * 3), f.write(bytearray(b"xyz")))
with open("b.bin", "rb") as f:
    data = f.read()
print(type(data).__name__, len(data), data)
with open("b.bin", "rb") as f:
    buf = bytearray(5)
    print(f.readinto(buf), buf)
    print(f.readinto(buf), buf)
    print(f.readinto(buf), buf[:5])
with open("b.bin", "rb") as f:
    print(f.read(4), f.read(100), f.read(1))
with open("a.txt", "a") as f:
    f.write(" and more\n")
with open("a.txt", "rt") as f:
    print(repr(f.read()))
try:
    with open("a.txt", "x") as f:
        pass
except OSError as e:
    print("x mode:", e.errno == 17)
with open("new.txt", "x") as f:
    f.write("exclusive")
print(open("new.txt").read())
with open("a.txt", "w") as f:
    f.write("replaced")
print(open("a.txt").read())
with open("empty.txt", "w"):
    pass
print(repr(open("empty.txt").read()), repr(open("empty.txt", "rb").read()))
for mode in ("rw", "wx", "rr", "z", "r++", "bt", ""):
    try:
        open("a.txt", mode)
    except ValueError:
        print("bad mode", repr(mode))
