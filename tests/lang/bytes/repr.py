# repr of bytes with special values
print(repr(b'abc'), repr(b"it's"), repr(b'"q"'))
print(repr(b'\'"'))
print(repr(bytes(range(0, 256, 37))))
print(repr(b'\r\n\t\\'), str(b'x'))
