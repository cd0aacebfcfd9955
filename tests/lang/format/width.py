# minimum width for various types
print('[{:5}][{:5}][{:5}][{:5}]'.format(1, 'a', 1.5, True))
print('[{:2}][{:1}]'.format(12345, 'long'))
print('[{:3}][{:3}][{:3}]'.format(-1, '', 'n'))
print('[{:<4}][{:>4}]'.format(0.5, 'é'))
