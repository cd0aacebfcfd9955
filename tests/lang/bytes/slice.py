# slicing bytes gives bytes
b = b'0123456789'
print(b[2:5], b[::-1], b[::3])
print(b[-3:], b[5:2], b[:0])
print(type(b[1:2]).__name__, b[1:2] == b'1')
