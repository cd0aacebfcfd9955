# exp: hand
# args: -X flash={tmp}
# MicroPython's shapes: ilistdir tuples, stat and statvfs tuples, OSError text, uname, vfs.
import os, vfs
os.mkdir("d")
with open("f.txt", "w") as f:
    f.write("12345")
print(sorted(os.ilistdir()))
print(sorted(os.ilistdir("/")) == sorted(os.ilistdir("")))
print(list(os.ilistdir("d")), os.listdir(b"/"))
print(os.stat("f.txt"), os.stat("d"), os.stat("/"))
st = os.statvfs("/")
print(len(st), st[0], st[1], st[2], st[3] == st[4], 0 < st[3] < st[2], st[9])
print(os.getcwd(), os.sep)
os.chdir("d")
print(os.getcwd())
os.chdir("..")
print(os.getcwd())
print(vfs.mount())
print(os.uname().sysname, len(os.uname()), os.uname()[0])
print(os.sync(), len(os.urandom(16)), type(os.urandom(0)))
for fn, arg in ((open, "nope"), (os.remove, "d"), (os.rmdir, "f.txt"), (os.mkdir, "d")):
    try:
        fn(arg)
    except OSError as e:
        print(e, repr(e), e.args)
print(open("f.txt"), open("f.txt", "rb"))
open("missing")
