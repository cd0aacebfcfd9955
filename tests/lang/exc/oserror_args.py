# OSError subclass attributes set from args
e = OSError(5, 'I/O failure')
print(e.args, e.errno, e.strerror)
print(type(e).__name__)
print(issubclass(FileNotFoundError, OSError), issubclass(OSError, Exception))
