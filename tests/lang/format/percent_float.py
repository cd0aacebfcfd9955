# % formatting with float conversions
x = 1234.5678
print('%f %.2f %10.3f %-10.1f| %+.1f' % (x, x, x, x, x))
print('%e %.3E %g %G' % (x, x, x, x))
print('%.0f %.0f %5.1f%%' % (0.5, 1.5, 99.5))
print('%d' % 3.99, '%x' % 255)
