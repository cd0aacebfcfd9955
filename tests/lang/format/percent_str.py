# % formatting with s, r and a conversions and widths
print('[%s][%10s][%-10s][%.2s]' % ('abc', 'abc', 'abc', 'abc'))
print('%r %s' % ('it\'s', 'it\'s'))
print('%s' % None, '%s' % 1.0, '%a' % 'é')
