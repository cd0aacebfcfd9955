# Catching OSError and comparing its errno with the errno constants.
import errno


def fail(code):
    raise OSError(code, "message")


for code in [errno.ENOENT, errno.EAGAIN, errno.EINVAL]:
    try:
        fail(code)
    except OSError as e:
        print(e.errno == code, errno.errorcode[e.errno], e.args)
try:
    raise OSError(errno.ETIMEDOUT, "timed out")
except OSError as e:
    if e.errno == errno.ETIMEDOUT:
        print("timeout handled:", e)
