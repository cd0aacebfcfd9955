# formatting inf and nan
inf = float('inf')
nan = float('nan')
print('%f %f %e %g' % (inf, -inf, nan, inf))
print('{:.2f} {:F} {:E} {:G}'.format(inf, inf, nan, -inf))
print('{:>6} {:<6}|'.format(inf, nan))
