# binascii functions on the kinds of buffer a board program passes around.
import binascii

packet = bytearray(b"\x02\x10ABC\x03")
print(binascii.hexlify(packet, " "))
print(binascii.hexlify(memoryview(packet)[1:4]))
print(binascii.b2a_base64(packet))
print(binascii.crc32(packet) & 0xFFFF)
h = binascii.hexlify(b"\x7f\x80")
print(type(h).__name__, h.decode())
print(binascii.unhexlify(h.decode().upper()))
