# bitwise operations on big integers
a = 2 ** 80 + 12345
b = 2 ** 70 - 1
print(a & b)
print(a | b)
print(a ^ b)
print(a >> 70, a << 5)
print(~a)
print(-a & 0xFFFF, -a >> 3)
