# divmod agrees with // and %
for a in (17, -17, 4, -4, 0):
    for b in (5, -5, 1, -1, 4):
        q, r = divmod(a, b)
        print(a, b, q, r, q * b + r == a)
