# catching via base classes in the exception hierarchy
checks = [
    (KeyError, LookupError), (IndexError, LookupError), (ZeroDivisionError, ArithmeticError),
    (OverflowError, ArithmeticError), (UnboundLocalError, NameError),
    (NotImplementedError, RuntimeError), (ValueError, Exception), (Exception, BaseException),
    (KeyboardInterrupt, Exception), (SystemExit, BaseException), (StopIteration, Exception),
    (UnicodeDecodeError, ValueError), (FileNotFoundError, OSError), (AssertionError, Exception),
]
for sub, base in checks:
    print(sub.__name__, base.__name__, issubclass(sub, base))
