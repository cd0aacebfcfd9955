# binascii.hexlify / unhexlify, with and without a separator.
import binascii

print(binascii.hexlify(b""), binascii.hexlify(b"\x00\x01\xfe\xff"))
print(binascii.hexlify(b"abc"), binascii.hexlify(bytearray(b"\x10\x20")))
print(binascii.hexlify(b"\x01\x02\x03", ":"), binascii.hexlify(b"\x01\x02", b"-"))
print(binascii.hexlify(b"\x0a", " "), binascii.hexlify(memoryview(b"xy")))
print(binascii.unhexlify(b"00ff10"), binascii.unhexlify("DEADbeef"))
print(binascii.unhexlify(""), binascii.unhexlify(bytearray(b"41")))
data = bytes(range(0, 256, 15))
print(binascii.unhexlify(binascii.hexlify(data)) == data)
