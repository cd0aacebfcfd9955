# replace with count argument
s = 'one one one'
print(s.replace('one', 'two'), s.replace('one', 'two', 2), s.replace('one', 'two', 0))
print('abc'.replace('', '-'), 'aaa'.replace('a', ''), 'aaa'.replace('aa', 'b'))
print('héllo'.replace('é', 'e'), 'x'.replace('y', 'z'), 'ab'.replace('', '-', 1))
