# format() on strings with width and precision
print(format('abc', '5'), format('abc', '>5'), format('abc', '^7'))
print(format('abcdef', '.3'))
print('[%5s][%-5s][%.2s]' % ('ab', 'ab', 'abc'))
