# implicit concatenation across lines in parentheses
msg = ('Hello, '
       'this is '
       "one string")
print(msg, len(msg))
print('a' 'b' == 'ab')
