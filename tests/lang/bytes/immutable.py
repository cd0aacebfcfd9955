# bytes do not support item assignment
b = b'abc'
try:
    b[0] = 65
except TypeError as e:
    print(type(e).__name__)
print(b)
