# string concatenation and repetition
print('ab' + 'cd', 'x' * 5, 3 * 'yo', repr('a' * 0), repr('a' * -2))
s = ''
for c in 'xyz':
    s += c * 2
print(s)
print('-' * 10)
