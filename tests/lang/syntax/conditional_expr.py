# conditional expressions
for n in (-1, 0, 1):
    print('neg' if n < 0 else 'zero' if n == 0 else 'pos')
x = 5
y = x * 2 if x > 3 else x / 2
print(y, (lambda: 'a' if False else 'b')())
