# isspace, isupper, islower
for s in (' ', '\t\n', '', 'ABC', 'abc', 'Abc', 'A1', 'a1', '123', 'É'):
    print(repr(s), s.isspace(), s.isupper(), s.islower())
print('\x0b\x0c\r'.isspace(), 'ABC DEF'.isupper(), 'abc def'.islower())
print('ABc'.isupper(), '1a'.islower())
