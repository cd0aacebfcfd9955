# binascii.b2a_base64 / a2b_base64: padding, newline=, round trips.
import binascii

for data in [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256))[:40]]:
    enc = binascii.b2a_base64(data)
    print(enc, binascii.a2b_base64(enc) == data)
print(binascii.b2a_base64(b"hello", newline=False))
print(binascii.b2a_base64(b"\xff\xfe\xfd"))
print(binascii.a2b_base64("aGVsbG8="), binascii.a2b_base64(b"aGVsbG8gd29ybGQ="))
print(binascii.a2b_base64("aGVs\nbG8="), binascii.a2b_base64("aG Vs bG8=\n"))
print(binascii.a2b_base64("Zm9v"), binascii.a2b_base64("Zg=="), binascii.a2b_base64("Zm8="))
print(binascii.a2b_base64("Zg==extra"), binascii.a2b_base64("Zm9v!!"))
