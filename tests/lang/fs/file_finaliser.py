# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]
import gc

# A file object dropped without close() is closed when the collector frees it: what it wrote is
# committed, as MicroPython's finaliser does (CPython closes it at once). The scan of the C stack
# is conservative, so the files are dropped far down the stack (deep()): the frames that held
# them are then below every frame still live when gc.collect() runs.


def summary(name):  # length and a checksum, read in small pieces (small heaps)
    n = total = 0
    with open(name, "rb") as f:
        while True:
            b = f.read(256)
            if not b:
                break
            n += len(b)
            total = (total * 31 + sum(b)) % 1000003
    return n, total


def deep(n, fn, *args):
    if n:
        return deep(n - 1, fn, *args)
    fn(*args)


def write_and_forget(name, data, mode="w"):
    f = open(name, mode)
    f.write(data)


def drop_with_del():
    f = open("big.bin", "wb")
    f.write(bytes(range(256)) * 20)  # two flash sectors
    del f


def drop_by_rebinding():
    f = open("one.txt", "w")
    f.write("one")
    f = open("two.txt", "w")
    f.write("two")
    f = None


def drop_many():
    for i in range(20):
        write_and_forget("n%d.txt" % i, "file %d" % i)
        open("small.txt")  # a reader dropped too: it changes nothing


deep(30, write_and_forget, "small.txt", "written, never closed\n")
deep(30, drop_with_del)
deep(30, drop_by_rebinding)
gc.collect()
print(repr(open("small.txt").read()))
print(summary("big.bin"))
print(open("one.txt").read(), open("two.txt").read())

# A patch in place ("r+") and an append, both dropped.
deep(30, write_and_forget, "big.bin", b"PATCHED", "r+b")
deep(30, write_and_forget, "small.txt", "appended\n", "a")
gc.collect()
print(open("big.bin", "rb").read(10), summary("big.bin"))
print(repr(open("small.txt").read()))

deep(30, drop_many)
gc.collect()
print([open("n%d.txt" % i).read() for i in range(0, 20, 4)])
names = ["small.txt", "big.bin", "one.txt", "two.txt"] + ["n%d.txt" % i for i in range(20)]
print(sorted(os.listdir()) == sorted(names))

# A file closed by hand and then dropped is not closed again; one still open stays usable.
g = open("kept.txt", "w")
g.write("still open")
h = open("closed.txt", "w")
h.write("closed by hand")
h.close()
del h
gc.collect()
print(g.closed, open("closed.txt").read())
g.write(", then closed")
g.close()
print(open("kept.txt").read())
