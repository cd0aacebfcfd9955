# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# rename: within a directory, between directories, replacing files and empty directories.
def put(name, text):
    with open(name, "w") as f:
        f.write(text)
os.mkdir("a")
os.mkdir("b")
put("a/one", "1")
put("a/two", "2")
os.rename("a/one", "a/uno")
print(sorted(os.listdir("a")), open("a/uno").read())
os.rename("a/uno", "b/uno")
print(sorted(os.listdir("a")), sorted(os.listdir("b")), open("b/uno").read())
os.rename("a/two", "b/uno")
print(sorted(os.listdir("a")), sorted(os.listdir("b")), open("b/uno").read())
put("a/three", "3")
os.rename("a/three", "a/three")
print(sorted(os.listdir("a")))
os.mkdir("b/inner")
put("b/inner/deep", "deep")
os.rename("b", "a/b")
print(sorted(os.listdir()), sorted(os.listdir("a")), sorted(os.listdir("a/b")))
print(open("a/b/inner/deep").read())
os.mkdir("empty")
os.rename("a/b/inner", "empty")
print(sorted(os.listdir()), os.listdir("empty"), sorted(os.listdir("a/b")))
for i in range(30):
    put("a/f%02d" % i, "n%d" % i)
for i in range(30):
    os.rename("a/f%02d" % i, ("b%02d" if i % 2 else "a/g%02d") % i)
print(sorted(os.listdir()))
print(sorted(os.listdir("a")))
print(open("b29").read(), open("a/g28").read())
