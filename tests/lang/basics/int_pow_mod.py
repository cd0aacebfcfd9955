# three-argument pow
print(pow(2, 10, 1000), pow(3, 200, 7), pow(5, 0, 3))
print(pow(2, 100, 10 ** 9 + 7))
print(pow(-3, 3, 5), pow(7, 3, -5))
print(pow(2, -1, 7))
