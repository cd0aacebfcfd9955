# isinstance and issubclass with tuples and builtins
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance('s', (int, str)))
print(isinstance([], (list, tuple)), isinstance(None, type(None)), isinstance(int, type))
print(issubclass(int, object), issubclass(bool, (str, int)), issubclass(list, tuple))
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__)
