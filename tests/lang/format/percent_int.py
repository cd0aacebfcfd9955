# % formatting with integer conversions
for n in (0, 42, -42, 255):
    print('%d %i %u %o %x %X' % (n, n, n, n, n, n))
print('%5d|%-5d|%05d|%+d|% d' % (7, 7, 7, 7, 7))
print('%#x %#o %#X' % (255, 8, 255))
print('%c%c' % (65, 'b'))
