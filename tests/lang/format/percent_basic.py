# printf-style formatting with single values and tuples
print('%s' % 'x', '%d' % 42, '%s and %s' % ('a', 'b'))
print('%s' % (1,), '%s' % [1, 2], '%r' % 'q')
print('%%' % (), '100%% %s' % 'done')
