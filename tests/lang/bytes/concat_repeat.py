# bytes concatenation, repetition and comparison
print(b'ab' + b'cd', b'x' * 3, 2 * b'yz', b'a' < b'b', b'abc' < b'abd', b'ab' < b'abc')
print(b'abc' == b'abc', b'abc' == 'abc', b'' == bytes())
print(b'ab' + bytearray(b'cd'), bytearray(b'ab') + b'cd')
try:
    b'a' + 'b'
except TypeError as e:
    print(type(e).__name__)
