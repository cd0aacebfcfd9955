# defining __eq__ in a subclass removes inherited __hash__
class A:
    pass
class B(A):
    def __eq__(self, o):
        return True
print(B.__hash__ is None, A.__hash__ is not None)
