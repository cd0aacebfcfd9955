# pow with two and three arguments
print(pow(2, 8), pow(2.0, 3), pow(2, -2), pow(9, 0.5))
print(pow(3, 4, 5), pow(123456789, 987654321, 1000000007), pow(10, -1, 7))
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__)
