# bytearray item and slice assignment
ba = bytearray(b'hello')
ba[0] = 72
print(ba)
ba[1:3] = b'EY'
print(ba)
ba[1:3] = b'abcd'
print(ba, len(ba))
ba[::2] = b'XYZW'
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
try:
    ba[0] = 256
except ValueError as e:
    print(type(e).__name__)
