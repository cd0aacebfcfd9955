# exp: hand
# MicroPython prints OSError(errno) with the errno's name (CPython prints just the number).
import errno

print(OSError(errno.ENOENT))
print(OSError(errno.EAGAIN))
try:
    raise OSError(errno.ETIMEDOUT)
except OSError as e:
    print(e, e.errno, e.args)
