# in and not in for strings
s = 'the quick brown fox'
print('quick' in s, 'slow' in s, '' in s, 'fox' not in s)
print('é' in 'café', 'ab' in 'a')
try:
    1 in 'abc'
except TypeError as e:
    print(type(e).__name__)
