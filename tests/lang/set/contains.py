# membership tests in sets
s = {1, 'a', (1, 2), None, 2.5}
print(1 in s, 1.0 in s, 'a' in s, (1, 2) in s, None in s, 3 not in s)
try:
    [1] in s
except TypeError as e:
    print(type(e).__name__)
