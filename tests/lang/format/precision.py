# precision for floats and strings
print('{:.0f} {:.1f} {:.5f} {:.10f}'.format(2.5, 2.45, 1 / 3, 0.1))
print('{:.3} {:.1} {:.0}|'.format('abcdef', 'xyz', 'q'))
print('{:10.3f}|{:<10.2e}|{:^10.4g}|'.format(3.14159, 31415.9, 0.000314159))
