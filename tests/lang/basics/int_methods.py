# int methods bit_length and to_bytes
for n in (0, 1, 2, 255, 256, -1, -256, 2 ** 100):
    print(n, n.bit_length())
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'))
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(b'\x01\x00', 'little'))
