# callable on various objects
class C:
    def __call__(self):
        pass
class D:
    pass
print(callable(len), callable(lambda: 0), callable(C), callable(C()), callable(D()), callable(1), callable('s'), callable(str.upper))
