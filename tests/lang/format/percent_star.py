# % formatting with * width and precision
print('[%*d]' % (6, 42), '[%-*s]' % (5, 'ab'), '[%.*f]' % (2, 3.14159))
print('[%*.*f]' % (8, 3, 2.5))
print('[%-*d]' % (5, 7), '[%*s]' % (-4, 'x'))
print('[%.*s]' % (2, 'abcdef'), '[%*.*s]' % (6, 1, 'xyz'))
