# printf-style formatting on bytes
print(b'%d-%s' % (5, b'x'), b'%x %05d' % (255, 42), b'%c%c' % (65, 98))
print(b'%%' % (), b'%s|%5s' % (b'a', b'b'))
print(b'%5s|%-5s|' % (b'ab', b'cd'), b'%x' % 3054)
print(b'%(k)s=%(v)d' % {b'k': b'key', b'v': 7})
