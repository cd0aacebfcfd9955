# errno: the constants MicroPython provides, with Linux's numbers.
import errno

names = ["EPERM", "ENOENT", "EIO", "EBADF", "EAGAIN", "ENOMEM", "EACCES", "EEXIST", "ENODEV",
         "ENOTDIR", "EISDIR", "EINVAL", "ENOSPC", "ENOTEMPTY", "EOPNOTSUPP", "EADDRINUSE",
         "ECONNABORTED", "ECONNRESET", "ENOBUFS", "ENOTCONN", "ETIMEDOUT", "ECONNREFUSED",
         "EHOSTUNREACH", "EALREADY", "EINPROGRESS"]
for name in names:
    print(name, getattr(errno, name))
