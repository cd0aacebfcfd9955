# docstrings on modules, functions and classes
"""not the module docstring since it is not first"""
def f():
    """Function doc."""
class C:
    """Class doc."""
    def m(self):
        """Method doc."""
print(f.__doc__, C.__doc__, C.m.__doc__)
def g():
    pass
print(g.__doc__)
