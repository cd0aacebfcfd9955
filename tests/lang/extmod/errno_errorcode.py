# errno.errorcode maps numbers back to names.
import errno

for n in [1, 2, 5, 11, 12, 13, 17, 22, 110, 111, 115]:
    print(n, errno.errorcode[n])
print(errno.errorcode[errno.ENOENT] == "ENOENT")
print(errno.errorcode.get(9999))
print(9999 in errno.errorcode, errno.EIO in errno.errorcode)
