# __repr__ and __str__
class A:
    def __repr__(self):
        return 'A()'
class B:
    def __str__(self):
        return 'B-str'
    def __repr__(self):
        return 'B-repr'
print(A(), str(A()), repr(A()), [A()])
print(B(), str(B()), repr(B()), [B()], (B(),), {'k': B()})
print('%s %r' % (B(), B()), '{} {!r}'.format(B(), B()))
