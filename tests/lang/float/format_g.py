# general float formatting
for x in (0.0, 1.0, 123456.0, 1234567.0, 0.0001, 0.00001, 1.5, 100.0, 1e-10):
    print('%g' % x, '{:g}'.format(x), format(x, '.3g'), format(x, 'G'))
print('%.1g' % 0.05, '%.2g' % 0.000123456)
print('{:.15g}'.format(0.1), '{:.17g}'.format(0.1))
