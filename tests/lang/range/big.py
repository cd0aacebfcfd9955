# ranges with big bounds
r = range(10 ** 20, 10 ** 20 + 10, 3)
print(len(r), r[1], list(r))
print(10 ** 20 + 3 in r)
print(len(range(0, 10 ** 12, 7)))
