# round() with negative and large digit counts
print(round(1234.5678, -1), round(1234.5678, -3), round(1234.5678, 3))
print(round(-0.5, 0), round(0.05, 1), round(1e300, 2))
print(round(5, 2), round(15, -1), round(25, -1))
