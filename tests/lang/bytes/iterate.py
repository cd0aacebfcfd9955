# iterating over bytes and bytearray yields ints
total = 0
for x in b'\x01\x02\x03':
    total += x
print(total, list(bytearray(b'AB')), sum(b'abc'), max(b'azm'), sorted(b'cab'))
print(list(reversed(b'xyz')), [chr(c) for c in b'hi'])
