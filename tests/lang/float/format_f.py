# fixed point float formatting
x = 3.14159265
print('%.0f %.1f %.3f %f' % (x, x, x, x))
print('{:.2f} {:8.3f} {:<8.1f}| {:+.2f}'.format(x, x, x, x))
print(format(2.5, '.0f'), format(3.5, '.0f'), format(-0.004, '.2f'))
print('%.2f' % 1e10, '%.3f' % -0.0005)
