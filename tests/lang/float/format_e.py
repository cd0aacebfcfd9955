# exponent float formatting
for x in (0.0, 1.0, 12345.678, 0.000123, -9.99e-10, 1e100):
    print('%e' % x, '%.2e' % x, '{:E}'.format(x), format(x, '.1e'))
print('%.0e' % 12345.0, '%E' % 0.5)
print('{:+.3e}'.format(-0.0001234), '{:12.2e}|'.format(987654.0))
