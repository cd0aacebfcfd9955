# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# Text files must hold UTF-8: read() checks what it read and raises UnicodeDecodeError, naming the
# first bad byte as bytes.decode() does, instead of returning a broken str.

CASES = [
    b"ok line\nbad \xff byte\n",
    b"cut short: caf\xc3",
    b"a surrogate: \xed\xa0\x80",
    b"overlong: \xc0\xaf",
    b"fine: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n",
]
for data in CASES:
    with open("t.txt", "wb") as f:
        f.write(data)
    try:
        with open("t.txt", encoding="utf-8") as f:
            text = f.read()
        print("read", len(text), repr(text))
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
    print(open("t.txt", "rb").read() == data)
