# bytes from generators and of ints with checks
print(bytes(x * 2 for x in range(5)), bytes(map(ord, 'abc')))
print(bytearray(i for i in b'abc' if i != 98))
print(bytes([0]) * 3, len(bytes(10)))
