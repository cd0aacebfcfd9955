# find, index, count, startswith, endswith on bytes
b = b'hello world hello'
print(b.find(b'hello'), b.rfind(b'hello'), b.find(b'x'), b.count(b'l'), b.count(b'hello'))
print(b.index(b'o'), b.rindex(b'o'), b.startswith(b'he'), b.endswith((b'x', b'lo')))
print(b.find(111), b.count(108), 111 in b, b'wor' in b, b'' in b)
try:
    b.index(b'z')
except ValueError as e:
    print(type(e).__name__)
