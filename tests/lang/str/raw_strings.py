# raw string literals keep backslashes
print(r'\n\t\\', len(r'\n'), R'a\b')
print(r"\"")
print(rb'\x00' == b'\\x00')
