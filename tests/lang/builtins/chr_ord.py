# chr and ord round trips and errors
print(chr(97), chr(0x20ac), ord('a'), ord('€'), ord('\U0001F40D'), chr(0x10FFFF) == '\U0010FFFF')
for bad in ('ab', ''):
    try:
        ord(bad)
    except TypeError as e:
        print(repr(bad), type(e).__name__)
try:
    chr(0x110000)
except ValueError as e:
    print(type(e).__name__)
