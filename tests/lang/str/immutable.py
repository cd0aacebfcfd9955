# strings are immutable
s = 'abc'
try:
    s[0] = 'x'
except TypeError as e:
    print(type(e).__name__)
t = s
s += 'd'
print(s, t)
