# adjacent string literals are concatenated
s = 'abc' "def" '''ghi'''
print(s)
t = ('part one, '
     'part two')
print(t)
print(r'\n' 'x', len('a' '\n'))
