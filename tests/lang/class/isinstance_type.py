# isinstance, issubclass, type and __class__
class A:
    pass
class B(A):
    pass
b = B()
print(type(b) is B, type(b) is A, b.__class__ is B, b.__class__.__name__)
print(isinstance(b, A), isinstance(b, (int, B)), isinstance(1, (str, bytes)))
print(issubclass(B, A), issubclass(B, B), issubclass(A, B), issubclass(bool, int), issubclass(B, object))
print(type(A) is type, isinstance(A, type), type(type).__name__)
