# int.to_bytes and int.from_bytes round trips
for n in (0, 1, 255, 256, 65535, 2 ** 40):
    b = n.to_bytes(8, 'big')
    print(b, int.from_bytes(b, 'big') == n, int.from_bytes(n.to_bytes(8, 'little'), 'little') == n)
print((-1).to_bytes(2, 'big', signed=True), int.from_bytes(b'\xff\xfe', 'big', signed=True))
