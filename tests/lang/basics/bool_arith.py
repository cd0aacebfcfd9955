# bool behaves as int in arithmetic
print(True + True, True * 10, False - 1)
print(True == 1, False == 0, True is True)
print(isinstance(True, int))
print(sum([True, True, False, True]))
print(True & False, True | False, True ^ True)
print(str(True), repr(False))
