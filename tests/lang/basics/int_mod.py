# modulo with negative operands takes the sign of the divisor
for a in (7, -7, 0, 13, -13, 1):
    for b in (2, -2, 5, -5):
        print(a, b, a % b)
