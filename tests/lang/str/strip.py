# strip, lstrip and rstrip
s = '  \t hello world \n '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), 'abcHELLOcba'.strip('abc'), 'xxhi'.lstrip('x'), 'hixx'.rstrip('x'))
print(repr('   '.strip()), repr(''.strip()), 'hi'.strip(''))
print('www.example.com'.strip('cmowz.'))
