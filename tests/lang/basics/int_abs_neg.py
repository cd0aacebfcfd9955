# abs and unary operators on ints
print(abs(-5), abs(5), abs(0))
print(-(-3), +(-3))
print(abs(-(2 ** 70)))
print(-0 == 0)
