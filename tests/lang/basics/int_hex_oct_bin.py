# hex(), oct() and bin() formatting
for n in (0, 1, 10, 255, -255, 4096, 2 ** 70):
    print(hex(n), oct(n), bin(n))
print(hex(-1), oct(-8), bin(-1))
print(int(hex(12345), 16), int(oct(12345), 8), int(bin(12345), 2))
