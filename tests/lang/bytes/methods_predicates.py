# isdigit, isalpha, isspace and friends on bytes
for b in (b'123', b'abc', b'  ', b'aB1', b'', b'ABC', b'abc'):
    print(b, b.isdigit(), b.isalpha(), b.isspace(), b.isalnum(), b.isupper(), b.islower())
print(b'Hello World'.istitle(), b'hello'.istitle())
print(b'\t\n '.isspace(), b'12a'.isdigit())
