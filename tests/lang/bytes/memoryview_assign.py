# assigning through a memoryview modifies the bytearray
ba = bytearray(8)
mv = memoryview(ba)
mv[0] = 1
mv[2:5] = b'\x07\x08\x09'
mv[-1] = 255
print(ba)
sub = mv[4:]
sub[1] = 42
print(ba, list(ba))
try:
    mv[0:2] = b'abc'
except ValueError as e:
    print(type(e).__name__)
