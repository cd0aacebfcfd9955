# str.split with and without separators
print('a b  c'.split(), ' lead trail '.split(), ''.split())
print('a,b,,c'.split(','), 'a,b,c'.split(',', 1), ','.split(','))
print('a::b::c'.split('::'), 'abc'.split('x'))
print('one two three four'.split(None, 2))
print(' x  y '.split(' '))
print('a\tb\nc\r\nd'.split())
try:
    'abc'.split('')
except ValueError as e:
    print(type(e).__name__)
