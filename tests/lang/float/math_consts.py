# math constants
import math
print(math.pi, math.e)
print(math.inf, -math.inf, math.isnan(math.nan))
print(round(math.pi, 4), round(math.e, 3))
