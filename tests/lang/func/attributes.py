# function attributes
def documented(a, b=1):
    """Doc string here."""
    return a
print(documented.__name__, documented.__doc__)
documented.extra = 42
print(documented.extra)
print((lambda: 0).__name__)
