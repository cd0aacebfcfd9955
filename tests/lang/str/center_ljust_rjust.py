# center, ljust, rjust with fill characters
print('[' + 'ab'.center(6) + ']', '[' + 'ab'.center(7) + ']')
print('[' + 'abc'.center(6, '*') + ']')
print('[' + 'ab'.ljust(5) + ']', '[' + 'ab'.rjust(5, '0') + ']')
print('[' + 'abcdef'.center(3) + ']')
print('[' + 'x'.ljust(4, '.') + ']', '[' + 'é'.rjust(3, '€') + ']')
