# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# exec(open(p).read()) of a generated 8 KiB main.py, as replhubd's Run button runs a file, on the
# board's heap: reading it takes one buffer of its size, and compiling its many small functions
# must not strew them over the heap (the collector places them first-fit).

BLOCK = """
# Step %d: scale a reading and keep it.
def step%d(reading):
    return reading * %d + %d


results.append(step%d(%d))
"""


def write_main(target):  # in a function: what it makes is garbage once it returns
    n = 0
    with open("main.py", "w") as f:
        size = f.write('"""A generated main.py."""\nresults = []\n')
        while size < target:
            size += f.write(BLOCK % (n, n, n, n, n, n))
            n += 1
        size += f.write("print(len(results), results[0], results[-1], sum(results))\n")
    return size, n


print(write_main(8 * 1024))
exec(open("main.py").read())
print(len(results), step7(1))
