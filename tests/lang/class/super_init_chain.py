# cooperative __init__ with super and kwargs
class A:
    def __init__(self, **kw):
        print('A init', sorted(kw))
class B(A):
    def __init__(self, b=None, **kw):
        print('B init', b)
        super().__init__(**kw)
class C(A):
    def __init__(self, c=None, **kw):
        print('C init', c)
        super().__init__(**kw)
class D(B, C):
    pass
D(b=1, c=2)
