# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# import from the filesystem: the current directory, /lib, packages, and errors.
def put(name, text):
    with open(name, "w") as f:
        f.write(text)
os.mkdir("lib")
os.mkdir("pkg")
put("toplevel.py", "X = 42\ndef f():\n    return 'toplevel.f'\n")
put("lib/fromlib.py", "import toplevel\nY = toplevel.X + 1\n")
put("pkg/__init__.py", "NAME = 'pkg'\n")
put("pkg/sub.py", "from toplevel import f\nZ = f() + ' via pkg.sub'\n")
put("broken.py", "def oops(:\n")
put("raises.py", "raise ValueError('at import')\n")
import toplevel
print(toplevel.X, toplevel.f())
import fromlib
print(fromlib.Y, fromlib.toplevel is toplevel)
import pkg.sub
print(pkg.NAME, pkg.sub.Z)
from pkg import sub
print(sub is pkg.sub)
try:
    import broken
except SyntaxError:
    print("SyntaxError")
try:
    import raises
except ValueError as e:
    print("ValueError", e)
try:
    import raises
except ValueError as e:
    print("again", e)
try:
    import missing_module
except ImportError:
    print("ImportError")
print(toplevel.__name__, "toplevel" in sys.modules)
