# count of non-overlapping substrings
s = 'aaaa banana'
print(s.count('a'), s.count('aa'), s.count('ana'))
print(s.count(''), s.count('z'))
print(s.count('a', 5), s.count('a', 0, 3), ''.count(''))
print('abc'.count('', 1))
