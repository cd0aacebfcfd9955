# methods resolved through multiple levels of inheritance
class A:
    def f(self):
        return 'A.f'
    def g(self):
        return 'A.g->' + self.f()
class B(A):
    def f(self):
        return 'B.f'
class C(B):
    pass
print(C().g(), B().g(), A().g())
