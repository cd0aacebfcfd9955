# membership and length of bytes
b = b'abc\x00'
print(len(b), 97 in b, 0 in b, 120 in b, b'bc' in b, b'cb' in b)
try:
    'a' in b
except TypeError as e:
    print(type(e).__name__)
