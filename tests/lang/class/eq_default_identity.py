# default equality is identity
class P:
    pass
a = P()
b = P()
print(a == a, a == b, a != b, a is a)
