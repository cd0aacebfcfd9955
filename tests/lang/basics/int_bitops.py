# bitwise and, or, xor, not
print(12 & 10, 12 | 10, 12 ^ 10)
print(~0, ~5, ~-1)
print(-12 & 10, -12 | 10, -12 ^ 10)
print(0xFF & 0x0F, 0xF0 | 0x0F)
