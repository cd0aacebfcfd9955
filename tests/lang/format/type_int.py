# integer presentation types b c d o x X n
for n in (0, 10, 255, -17):
    print('{:b} {:d} {:o} {:x} {:X} {:n}'.format(n, n, n, n, n, n))
print('{:c}{:c}{:c}'.format(72, 105, 0x263a))
