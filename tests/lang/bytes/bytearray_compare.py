# bytearray comparisons and equality with bytes
a = bytearray(b'abc')
print(a == b'abc', a != bytearray(b'abd'), a < b'abd')
print(a > b'ab', b'abc' == a)
print(a.count(b'b'), a.find(b'c'), a.upper())
print(a.decode())
