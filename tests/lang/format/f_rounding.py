# fixed formatting rounds half to even on exact binary values
for x in (0.125, 0.375, 2.5, 0.5, 1.005, 2.675):
    print('%.2f %.1f %.0f' % (x, x, x))
print('%.3f' % 1.0005, '%.3f' % 1.0015)
print('{:.1f}'.format(0.05), '{:.1f}'.format(0.15), '{:.1f}'.format(0.25))
