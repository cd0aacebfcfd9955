# min and max on strings compare code points
print(min('hello'), max('hello'), max('a', 'B'))
print(min(['b', 'ab', 'abc']), max('é', 'z'))
print(max(['apple', 'Apple', 'APPLE']), min(['apple', 'Apple', 'APPLE']))
print(max('abc', 'abd'), min('', 'a'))
