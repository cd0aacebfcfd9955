# formatting big ints
n = 2 ** 100
print('{:,}'.format(n), '{:x}'.format(n), '{:e}'.format(n))
print('%d' % n, '%x' % -n, '{:>40}|'.format(n))
