# semicolon-separated simple statements
a = 1; b = 2; c = a + b
print(a, b, c); print('second')
if c: x = 'one-line if'; print(x)
for i in range(2): print('loop', i)
