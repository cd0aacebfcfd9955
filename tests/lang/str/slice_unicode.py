# slicing non-ASCII strings
s = 'αβγδεζηθ'
print(s[2:5], s[::3], s[::-2], len(s[1:-1]))
t = 'a€b€c'
print(t[1], t[1:4], t.index('€', 2))
