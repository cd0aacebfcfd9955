# str.join with various iterables
print(','.join(['a', 'b', 'c']), ''.join(('x', 'y')), '-'.join('abc'))
print(repr(' '.join([])), ' + '.join(str(i) for i in range(4)))
print('é'.join(['1', '2']))
try:
    ','.join(['a', 1])
except TypeError as e:
    print(type(e).__name__)
