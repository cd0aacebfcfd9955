# args: -X flash={tmp}
import os, sys
if sys.implementation.name != "micropython":  # CPython, writing the .exp: a scratch directory
    import atexit, shutil, tempfile
    _d = tempfile.mkdtemp(); os.chdir(_d); atexit.register(shutil.rmtree, _d)
    sys.path[:0] = ["", _d + "/lib"]

# A 300 KiB file written in 256-byte pieces (as mpremote cp does), read back in pieces.
chunk = bytes((i * 7) & 255 for i in range(256))
total = 300 * 1024
with open("big.bin", "wb") as f:
    for i in range(total // 256):
        f.write(chunk)
print(os.stat("big.bin")[6])
n = 0
ok = True
with open("big.bin", "rb") as f:
    while True:
        b = f.read(1000)
        if not b:
            break
        for j in (0, len(b) - 1):
            ok = ok and b[j] == chunk[(n + j) % 256]
        n += len(b)
print(n, ok)
with open("big.bin", "rb") as f:
    f.seek(200000)
    print(f.read(4) == bytes(chunk[(200000 + k) % 256] for k in range(4)))
os.remove("big.bin")
print(os.listdir())
