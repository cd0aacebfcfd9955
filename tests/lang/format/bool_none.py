# formatting bools and None
print('{} {} {}'.format(True, False, None))
print('{:d} {:>6} {:5}|'.format(True, str(None), False))
print('%s %d %r' % (True, True, None))
