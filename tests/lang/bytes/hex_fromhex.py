# hex() and fromhex()
b = bytes([0, 15, 16, 255, 171])
print(b.hex(), bytes.fromhex('00 0f 10 ff ab') == b, bytes.fromhex('DEADbeef'))
print(bytearray(b'\x01\x02').hex(), bytearray.fromhex('4142'))
print(b.hex(':'), b''.hex())
try:
    bytes.fromhex('0g')
except ValueError as e:
    print(type(e).__name__)
