# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# stat: the kind of entry and a file's size.
with open("f.bin", "wb") as f:
    f.write(b"x" * 1234)
os.mkdir("dir")
for name in ("f.bin", "dir", "/"):
    st = os.stat(name)
    print(name, len(tuple(st)) >= 10, hex(st[0] & 0xF000), st[0] & 0x4000 != 0)
print(os.stat("f.bin")[6])
for size in (0, 1, 255, 256, 257, 4095, 4096, 4097, 8192, 20000):
    with open("s", "wb") as f:  # in pieces, as a program on a small heap writes a big file
        for k in range(0, size, 4096):
            f.write(b"y" * min(4096, size - k))
    with open("s", "rb") as f:
        n = 0
        while True:
            b = f.read(512)
            if not b:
                break
            n += len(b)
    print(size, os.stat("s")[6], n)
with open("s", "ab") as f:
    f.write(b"z")
print(os.stat("s")[6])
