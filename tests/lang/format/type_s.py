# s presentation type and default for strings
print('{:s}|{}|{:10s}|{:>10s}|'.format('abc', 'abc', 'abc', 'abc'))
try:
    '{:d}'.format('abc')
except ValueError as e:
    print(type(e).__name__)
