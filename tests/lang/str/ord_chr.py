# ord and chr across code point ranges
for c in ('A', 'z', '0', ' ', 'é', '€', '😀', '\n', '\x00'):
    print(repr(c), ord(c), chr(ord(c)) == c)
print(chr(65), chr(0x263a), chr(128512) == '\U0001F600')
try:
    chr(-1)
except ValueError as e:
    print(type(e).__name__)
