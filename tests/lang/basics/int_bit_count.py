# counting bits with bin() and bit_length
for n in (0, 1, 7, 8, 1023, 2 ** 65 + 1):
    print(n, bin(n).count('1'), n.bit_length())
print((255).bit_count(), (-255).bit_count(), (0).bit_count())
big = (1 << 100) - 1
print(big.bit_count(), big.bit_length(), (big + 1).bit_length())
