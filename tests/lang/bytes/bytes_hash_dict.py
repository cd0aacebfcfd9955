# bytes are hashable, bytearray is not
d = {b'key': 1}
print(d[b'k' + b'ey'], b'key' in d)
try:
    {bytearray(b'x'): 1}
except TypeError as e:
    print(type(e).__name__)
