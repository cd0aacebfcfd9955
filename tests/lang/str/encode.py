# encoding strings to UTF-8 bytes
print('abc'.encode(), 'é'.encode(), '日本'.encode('utf-8'))
print('€'.encode('utf8'))
print(len('☃'.encode()), ''.encode())
print(b'caf\xc3\xa9'.decode(), str(b'\xe2\x82\xac', 'utf-8'))
