# starred assignment targets
a, *b = 'abcde'
print(a, b)
*a, b = range(4)
print(a, b)
a, *b, c = [1, 2]
print(a, b, c)
(a, *b), c = 'xyz', 5
print(a, b, c)
[a, *b] = (1,)
print(a, b)
try:
    a, *b, c = [1]
except ValueError as e:
    print(type(e).__name__)
