# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# Seeking, rewriting in place, writing past the end, r+/w+/a+.
with open("s.bin", "wb") as f:
    f.write(b"0123456789")
    print(f.tell())
    f.seek(3)
    f.write(b"abc")
    print(f.tell(), f.seek(0, 2), f.seek(-2, 2), f.seek(1, 1))
with open("s.bin", "rb") as f:
    print(f.read())
with open("s.bin", "r+b") as f:
    print(f.read(2))
    f.write(b"XY")
    f.seek(0)
    print(f.read())
    f.seek(15)
    f.write(b"end")
with open("s.bin", "rb") as f:
    print(f.read())
with open("s.bin", "w+b") as f:
    print(f.read())
    f.write(b"hello")
    f.seek(1)
    print(f.read(3))
with open("s.bin", "a+b") as f:
    print(f.tell())
    f.write(b"!")
    f.seek(0)
    print(f.read())
    f.seek(0)
    f.write(b"?")
    f.seek(0)
    print(f.read())
# A file across several 4 KiB sectors, rewritten in the middle.
block = bytes(range(256)) * 16
with open("big.bin", "wb") as f:
    for i in range(20):
        f.write(block)
with open("big.bin", "r+b") as f:
    f.seek(4000)
    f.write(b"#" * 200)
    f.seek(12000)
    f.write(b"@" * 5000)
def expected(pos, n):
    k = pos % len(block)
    out = bytearray(block[k:k + n] + block[:max(0, k + n - len(block))])
    for start, end, c in ((4000, 4200, b"#"), (12000, 17000, b"@")):
        for i in range(max(start, pos), min(end, pos + n)):
            out[i - pos] = c[0]
    return bytes(out)
same, size = True, 0
with open("big.bin", "rb") as f:
    while True:
        d = f.read(1000)
        if not d:
            break
        same = same and d == expected(size, len(d))
        size += len(d)
print(size, same)
with open("big.bin", "rb") as f:
    f.seek(4095)
    print(f.read(3), f.tell())
