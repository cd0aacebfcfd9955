# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]
import gc

# open(p).read() of a 20 KiB UTF-8 text file on the board's heap, with little more than the
# file's size left free (as when a program's own data holds the rest): read() must take one
# buffer of the file's size and make the str in it, checking the UTF-8 in place.

LINE = "%05d: café, naïve, 20 °C – one line of a 20 KiB text file\n"  # 64 bytes, 59 characters
N = 320


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


def checksum(text):
    h = 0
    for c in text:
        h = (h * 31 + ord(c)) % 1000003
    return h


def write_file():  # in a function: what it makes is garbage once it returns
    with open("text.txt", "w", encoding="utf-8") as f:
        for i in range(N):
            f.write(LINE % i)

    return os.stat("text.txt")[6]


print(write_file())

ballast = leave_free(25 * 1024)
with open("text.txt", encoding="utf-8") as f:
    data = f.read()
ballast = None
print(len(data), data.count("\n"), repr(data[:20]), repr(data[-24:]))
want = 0
for i in range(N):
    for c in LINE % i:
        want = (want * 31 + ord(c)) % 1000003
print(checksum(data) == want)
data = None

# The same from the middle of the file, and read(n) of text counting characters.
with open("text.txt", encoding="utf-8") as f:
    f.seek(64 * 300)
    rest = f.read()
    print(len(rest), rest == "".join(LINE % i for i in range(300, N)))
    f.seek(0)
    print(repr(f.read(12)), len(f.read(59 * 10 - 12)), repr(f.read(6)))
