# chaining string methods
s = '  Hello, World!  '
print(s.strip().lower().replace('world', 'there').split(', '))
print('-'.join(w.capitalize() for w in 'a quick test'.split()))
print('a,b;c'.replace(';', ',').split(','))
