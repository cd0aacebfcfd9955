# constructing bytearrays
print(bytearray(), bytearray(4), bytearray(b'ab'), bytearray([1, 2, 3]))
print(bytearray('é', 'utf-8'), bytearray(range(65, 70)))
ba = bytearray(b'xyz')
cp = bytearray(ba)
cp[0] = 65
print(ba, cp, ba == b'xyz', type(ba[0:2]).__name__)
