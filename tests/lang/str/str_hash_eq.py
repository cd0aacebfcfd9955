# equal strings have equal hashes
a = 'hello'
b = ''.join(['he', 'llo'])
print(a == b, hash(a) == hash(b), 'é' == '\xe9')
