# g formatting at the exponent boundaries
for x in (9.9999, 99999.5, 999999.0, 9999999.0, 0.0001, 0.00009999, 123.456):
    print('%g %.2g %.10g %#g' % (x, x, x, x))
print('{:g}'.format(1e16), '{:g}'.format(123456789.0))
print('{:.3G}'.format(0.0000123), '{:#.3G}'.format(1.0))
