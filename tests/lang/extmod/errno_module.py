# errno is a module whose constants are ints; from-import works.
from errno import ENOENT, EEXIST
import errno

print(ENOENT, EEXIST, type(ENOENT).__name__)
print(errno.EEXIST is EEXIST)
print(len([n for n in dir(errno) if n.startswith("E")]) >= 20)
