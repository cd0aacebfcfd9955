# truthiness of numbers in if and while
for v in (0, 1, -1, 0.0, 2 ** 80, -(2 ** 80)):
    if v:
        print(v, 'true')
    else:
        print(v, 'false')
n = 3
while n:
    print('n', n)
    n -= 1
