# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]
import gc

# open(p, "rb").read() of a 20 KiB file on the board's heap, with little more than the file's
# size left free (as when a program's own data holds the rest): read() must take one buffer of
# the file's size and make the bytes in it.

CHUNK = bytes((i * 7 + 3) & 255 for i in range(256))
N = 80  # 20 KiB


def leave_free(n):  # holds all but about n bytes of the heap, as a program's data would
    if not hasattr(gc, "mem_free"):  # (MicroPython only)
        return None
    gc.collect()
    hold = [None] * 100
    # Pieces of 1 KiB go first into the holes low in the heap, then side by side above them.
    for i in range(len(hold)):
        spare = gc.mem_free() - n
        if spare <= 0:
            break
        hold[i] = bytearray(min(spare, 1024))
    return hold


def write_file():  # in a function: what it makes is garbage once it returns
    with open("data.bin", "wb") as f:
        for i in range(N):
            f.write(CHUNK)

    return os.stat("data.bin")[6]


print(write_file())

ballast = leave_free(25 * 1024)
with open("data.bin", "rb") as f:
    data = f.read()
ballast = None
h = 0
for b in data:
    h = (h * 31 + b) % 1000003
want = 0
for i in range(N):
    for b in CHUNK:
        want = (want * 31 + b) % 1000003
print(type(data).__name__, len(data), data[:4], data[-4:], h == want)
data = None

# What is left after a seek, read(n) and an empty read at the end.
with open("data.bin", "rb") as f:
    f.seek(20000)
    rest = f.read()
    print(len(rest), rest == (CHUNK * 2)[20000 % 256 : 20000 % 256 + len(rest)])
    f.seek(100)
    print(f.read(5) == CHUNK[100:105], len(f.read(300)), f.tell(), f.read(0), f.read(99999)[-2:])
    print(f.read())
