# bytearray slices are copies
ba = bytearray(b'abcdef')
s = ba[1:4]
s[0] = 90
print(ba, s)
ba[2:2] = b'--'
print(ba)
ba[:] = b'new'
print(ba)
