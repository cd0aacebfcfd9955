# invalid string index types raise TypeError
s = 'abc'
for k in ('0', 1.0, None):
    try:
        s[k]
    except TypeError as e:
        print(repr(k), type(e).__name__)
print(s[True], s[False])
