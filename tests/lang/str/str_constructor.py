# str() of various objects
print(str(12), str(-1.5), str(True), str(None), str([1, 'a']), str((1,)), str({'k': 'v'}))
print(repr(str()), str('x'), str(b'ab'))
class C:
    def __str__(self):
        return 'custom'
print(str(C()), C())
