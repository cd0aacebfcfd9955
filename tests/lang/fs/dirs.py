# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# Directories: make, list, change into, remove; paths relative and absolute.
os.mkdir("d1")
os.mkdir("d1/sub")
os.mkdir("d1/sub/deeper")
with open("d1/f.txt", "w") as f:
    f.write("in d1")
print(sorted(os.listdir()), sorted(os.listdir("d1")), os.listdir("d1/sub/deeper"))
start = os.getcwd()
os.chdir("d1")
print(sorted(os.listdir()), sorted(os.listdir(".")), open("f.txt").read())
os.chdir("sub")
print(os.listdir(), sorted(os.listdir("..")), open("../f.txt").read())
os.chdir("..")
os.chdir("./sub/../sub/deeper")
print(os.listdir())
with open("here.txt", "w") as f:
    f.write("deep")
os.chdir(start)
print(open("d1/sub/deeper/here.txt").read())
print(os.getcwd() == start)
os.remove("d1/sub/deeper/here.txt")
os.rmdir("d1/sub/deeper")
os.rmdir("d1/sub")
print(sorted(os.listdir("d1")))
path = "deep"
for i in range(20):
    os.mkdir(path)
    path += "/l%d" % i
with open(path + ".txt", "w") as f:
    f.write("bottom")
print(open(path + ".txt").read(), path.count("/"))
for i in range(20):
    p = "deep" + "".join("/l%d" % j for j in range(19 - i))
    print(len(os.listdir(p)), end=" ")
print()
