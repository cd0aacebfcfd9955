# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# The errno of each failure (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EINVAL).
import errno
def attempt(what, fn, *args):
    try:
        fn(*args)
        print(what, "ok")
    except OSError as e:
        print(what, errno.errorcode[e.errno], e.errno == e.args[0])
os.mkdir("d")
with open("f", "w") as f:
    f.write("x")
os.mkdir("full")
open("full/x", "w").close()
attempt("open missing", open, "missing")
attempt("open missing dir", open, "nodir/file", "w")
attempt("open dir", open, "d")
attempt("open dir w", open, "d", "w")
attempt("open x existing", open, "f", "x")
attempt("mkdir existing", os.mkdir, "d")
attempt("mkdir over file", os.mkdir, "f")
attempt("mkdir missing parent", os.mkdir, "no/such")
attempt("mkdir under file", os.mkdir, "f/sub")
attempt("rmdir missing", os.rmdir, "missing")
attempt("rmdir file", os.rmdir, "f")
attempt("rmdir not empty", os.rmdir, "full")
attempt("remove missing", os.remove, "missing")
attempt("remove dir", os.remove, "d")
attempt("stat missing", os.stat, "missing")
attempt("stat under file", os.stat, "f/x")
attempt("listdir missing", os.listdir, "missing")
attempt("listdir file", os.listdir, "f")
attempt("chdir missing", os.chdir, "missing")
attempt("chdir file", os.chdir, "f")
attempt("rename missing", os.rename, "missing", "other")
attempt("rename into itself", os.rename, "d", "d/inner")
attempt("rename file over dir", os.rename, "f", "d")
attempt("rename dir over file", os.rename, "d", "f")
attempt("rename dir over non-empty dir", os.rename, "d", "full")
attempt("rename to missing dir", os.rename, "f", "nodir/f")
print(sorted(os.listdir()), open("f").read())
