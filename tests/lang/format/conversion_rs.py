# !r !s and !a conversions
print('{!r} {!s} {}'.format('a', 'a', 'a'))
print('{0!r:>8}|{0!s:<5}|'.format('hi'))
print('{!r}'.format(1.5), '{!a}'.format('é'))
class C:
    def __repr__(self):
        return 'R'
    def __str__(self):
        return 'S'
print('{} {!r} {!s}'.format(C(), C(), C()))
