# expandtabs with default and custom tab sizes
s = 'a\tbc\tdef\tg'
print(repr(s.expandtabs()), repr(s.expandtabs(4)), repr(s.expandtabs(1)))
print(repr('x\ny\tz'.expandtabs(3)), repr('\t'.expandtabs(0)))
