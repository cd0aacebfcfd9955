# iterating over a string yields characters
for c in 'aé☃':
    print(c, ord(c))
print(list('abc'), tuple('xy'), [c.upper() for c in 'hi'])
