# decoding bytes to str
print(b'abc'.decode(), b'caf\xc3\xa9'.decode('utf-8'), bytearray(b'\xe2\x82\xac').decode())
try:
    b'\xff\xfe'.decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, isinstance(e, ValueError))
print(b'\xff'.decode('utf-8', 'replace') == '\ufffd', b'a\xffb'.decode('utf-8', 'ignore'))
