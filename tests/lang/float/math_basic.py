# exact math module functions
import math
print(math.floor(2.7), math.ceil(2.1), math.floor(-2.1), math.ceil(-2.7))
print(math.trunc(-3.9), math.fabs(-4.5), math.sqrt(16.0), math.sqrt(2.0))
print(math.fmod(7.0, 3.0), math.fmod(-7.0, 3.0), math.copysign(3.0, -1.0))
print(math.isnan(float('nan')), math.isinf(float('-inf')), math.isfinite(1.0))
print(type(math.floor(2.5)).__name__)
