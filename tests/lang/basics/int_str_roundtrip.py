# int to str conversion and back for many numbers
for n in (0, 7, -7, 65535, 2 ** 31, -(2 ** 31), 2 ** 63 - 1, 10 ** 19):
    s = str(n)
    print(s, int(s) == n, int(hex(n), 16) == n, int(bin(n), 0) == n)
