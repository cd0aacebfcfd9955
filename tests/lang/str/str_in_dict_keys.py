# strings as dictionary keys and equality of built strings
d = {}
d['ab'] = 1
k = 'a' + 'b'
print(d[k], k == 'ab', k in d)
d['é'] = 2
print(d['\u00e9'])
