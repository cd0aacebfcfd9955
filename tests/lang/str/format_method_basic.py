# basic str.format call on a string method
print('{} and {}'.format('a', 'b'), '{1}{0}'.format('x', 'y'))
print('{}-{}'.format(1, 2.5), '{0}{0}'.format('ha'))
print('{x}/{y}'.format(x=1, y=2), '{}'.format([1, 2]))
print('no fields'.format(), '{!r}'.format('q'))
