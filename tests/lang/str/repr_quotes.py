# repr picks quotes and escapes
print(repr('abc'), repr("it's"), repr('say "hi"'))
print(repr('both \' and "'))
print(repr('tab\there'), repr('nl\n'), repr('back\\slash'))
print(repr('\x00\x7f'))
print(repr('é€'), repr('\r'), repr('\x1b'))
