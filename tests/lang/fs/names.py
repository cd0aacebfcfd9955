# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# Names with spaces, quotes, non-ASCII letters and long names.
names = ["with space.txt", "it's.txt", 'say "hi".txt', "ñandú.txt", "€uro", "日本語のファイル名",
         "emoji 😀", "a" * 200, "tab\there", "back\\slash", "semi;colon", "x" * 255]
for n in names:
    with open(n, "w") as f:
        f.write(n)
got = sorted(os.listdir())
print(got == sorted(names), len(got))
for n in names:
    assert open(n).read() == n, n
os.mkdir("dîr ëxtra")
os.rename("ñandú.txt", "dîr ëxtra/ñandú 2.txt")
print(os.listdir("dîr ëxtra"), open("dîr ëxtra/ñandú 2.txt").read())
try:
    open("y" * 256, "w")
except OSError as e:
    print("256 bytes: OSError", e.errno == 36)
print(sorted(os.listdir())[:3])
