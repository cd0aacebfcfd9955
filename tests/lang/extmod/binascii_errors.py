# binascii errors are ValueError subclasses in CPython (binascii.Error) and ValueError here.
import binascii

for text in ["abc", "0g", "zz", b"1"]:
    try:
        binascii.unhexlify(text)
        print(repr(text), "accepted")
    except ValueError:
        print(repr(text), "ValueError")
for text in ["a", "abcde", "ab=c", "Zg", "Zg="]:
    try:
        print(repr(text), binascii.a2b_base64(text))
    except ValueError:
        print(repr(text), "ValueError")
for bad in ["str", 5]:
    try:
        binascii.hexlify(bad)
    except TypeError:
        print(repr(bad), "TypeError")
