# constructing bytes objects
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(3)))
print(bytes('héllo', 'utf-8'), bytes(b'abc'), bytes(bytearray(b'xy')))
print(b'abc', b"d'e", b'\x00\xff\n', b'\t\\')
for bad in ([256], [-1]):
    try:
        bytes(bad)
    except ValueError as e:
        print(bad, type(e).__name__)
try:
    bytes('abc')
except TypeError as e:
    print(type(e).__name__)
