# fill and alignment in str.format
print('[{:<8}][{:>8}][{:^8}]'.format('ab', 'ab', 'ab'))
print('[{:*<8}][{:->8}][{:_^9}]'.format('ab', 'ab', 'ab'))
print('[{:<6}][{:>6}][{:^6}][{:=+6}]'.format(42, 42, 42, 42))
print('[{:0=8}][{:x^7}][{:.<5}]'.format(-42, 7, 1))
