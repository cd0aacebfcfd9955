# transcendental math functions with rounded output
import math
print(round(math.sin(math.pi / 2), 10), round(math.cos(0), 10))
print(round(math.exp(1), 8), round(math.log(math.e), 8), round(math.log10(1000), 8))
print(round(math.log(8, 2), 8), round(math.atan2(1, 1) * 4, 8))
print(math.pow(2, 10), round(math.hypot(3, 4), 8))
print(round(math.degrees(math.pi), 6), round(math.radians(180), 6))
