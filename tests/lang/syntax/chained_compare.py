# chained comparisons evaluate middle operands once
def mid():
    print('mid evaluated')
    return 5
print(1 < mid() < 10)
print(10 < mid() < 20)
x = 3
print(0 <= x < 5 == 5, 1 < 2 > 0 != 3, 'a' < 'b' <= 'b' < 'c')
n = None
print(1 in [1, 2] in [[1, 2]], x is not n is not False)
