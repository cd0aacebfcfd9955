# Malformed patterns raise re.error; wrong argument types raise TypeError.
import re

for bad in ["(a", "a)", "[a", "*a", "a**", "a{2,1}", "\\", "(?P<n>a)(?P<n>b)", "(?P=zz)", "\\9"]:
    try:
        re.compile(bad)
        print(repr(bad), "compiled")
    except re.error:
        print(repr(bad), "re.error")
try:
    re.match("a", b"a")
except TypeError:
    print("TypeError")
try:
    re.match(b"a", "a")
except TypeError:
    print("TypeError")
m = re.match(r"(a)", "a")
try:
    m.group(2)
except IndexError:
    print("IndexError")
