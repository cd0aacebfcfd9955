# len of strings counts code points
for s in ('', 'a', 'hello', 'héllo', '日本語', '😀😀', 'a\tb\n'):
    print(repr(s), len(s), len(s.encode()))
print(len('\U0001F600'), len('\\'), len(''.join(['ab', 'cd'])))
print(len(' ' * 100), len('é'.encode('utf-8') * 3))
