# exp: hand
# A pattern that backtracks without end raises RuntimeError instead of hanging or crashing.
import re

try:
    re.match(r"(a+)+b", "a" * 40)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    re.search(r"(x*)*y", "x" * 30)
except RuntimeError:
    print("RuntimeError")
print(re.match(r"(a+)+b", "aaab").group())
