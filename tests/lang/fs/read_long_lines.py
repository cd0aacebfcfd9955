# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]
import gc

# readline() and iteration over a file whose line is 10 KiB long, with about 15 KiB of the heap
# free: the line's buffer grows by small steps (an eighth of its length), not by half, and is
# shrunk to fit when the line is complete.

PIECES = 210  # 50 bytes each: a line of 10500 bytes and its newline


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
    with open("lines.txt", "w") as f:
        f.write("short\n")
        for i in range(PIECES):
            f.write("%048d;" % i + ("\n" if i == PIECES - 1 else "|"))
        f.write("tail, no newline")
    return os.stat("lines.txt")[6]


def check(line):  # a str or the bytes of one
    ok = len(line) == 50 * PIECES
    for i in range(0, PIECES, 7):
        piece = "%048d;" % i
        ok = ok and line[50 * i : 50 * i + 49] == (piece if type(line) is str else piece.encode())
    return ok


print(write_file())
ballast = leave_free(15 * 1024)
with open("lines.txt", "rb") as f:
    first = f.readline()
    long = f.readline()
    ballast = None
    print(first, check(long), long[-3:], f.readline(), f.readline())
long = None

ballast = leave_free(15 * 1024)
n = 0
with open("lines.txt") as f:
    for line in f:
        if len(line) > 100:
            ok = check(line)
        else:
            print(repr(line))
        line = None
        n += 1
ballast = None
print(n, ok)
with open("lines.txt") as f:
    print([len(s) for s in f.readlines()], repr(f.readline(5)))
    f.seek(0)
    print(repr(f.readline(3)), repr(f.readline(3)), repr(f.readline(100)[:5]))
