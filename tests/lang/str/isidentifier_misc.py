# isidentifier, istitle, isdecimal, isnumeric, isprintable
for s in ('abc', '_x1', '1abc', 'Hello World', 'Hello world', '', '123'):
    print(repr(s), s.isidentifier(), s.istitle(), s.isdecimal(), s.isnumeric())
print('abc'.isprintable(), 'a\n'.isprintable())
