# for-else runs when the loop is not broken
for n in (7, 8):
    for d in range(2, n):
        if n % d == 0:
            print(n, 'has divisor', d)
            break
    else:
        print(n, 'is prime')
for _ in []:
    pass
else:
    print('empty loop else')
