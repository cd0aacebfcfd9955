# integers formatted with float types
print('{:f} {:e} {:.2f} {:g} {:%}'.format(3, 3, 10 ** 6, 123, 1))
print('%f %e %g' % (7, -7, 10 ** 7))
print('{:.1f} {:.0e}'.format(2 ** 70, 5))
print(format(1, '.2%'), format(0, 'f'))
