# escape sequences in string literals
print('a\tb', 'c\\d', 'e\'f', "g\"h")
print(len('\n\r\t\b\f\v\a\0'), '\x41\x42', '\101\102', '\u00e9', '\U0001F600' == '😀')
print('line1\
line2')
print(repr('\x7f\x1b'))
