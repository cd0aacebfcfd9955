# explicit and automatic positional fields
print('{0} {1} {0}'.format('a', 'b'))
print('{} {} {}'.format(1, 2, 3))
print('{2}{1}{0}'.format('x', 'y', 'z'))
try:
    '{} {0}'.format(1, 2)
except ValueError as e:
    print(type(e).__name__)
try:
    '{0} {1}'.format('only')
except IndexError as e:
    print(type(e).__name__)
