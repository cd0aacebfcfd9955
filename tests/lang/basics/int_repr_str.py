# str and repr of ints
print(str(0), str(-0), repr(42))
print(str(-123))
print(str(10 ** 25), repr(-(10 ** 25)))
print(len(str(2 ** 1000)))
