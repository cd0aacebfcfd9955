# re.split (with groups and maxsplit) and re.findall / finditer.
import re

print(re.split(r",\s*", "a, b,c ,d"))
print(re.split(r"(,)", "a,b,c"))
print(re.split(r"\s+", "  lead and trail  "))
print(re.split(r"x", "axbxc", maxsplit=1), re.split(r"x", "axbxc", 0))
print(re.split(r"\b", "a b"), re.split(r"", "abc"))
print(re.split(r"(a)|b", "1a2b3"))
print(re.split(r"\d", "nothing"))
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"z", "abc"))
print(re.findall(r"(\w)=(\d)", "a=1 b=2"), re.findall(r"(\w)=\d", "a=1 b=2"))
print(re.findall(r"a*", "baaac"), re.findall(r"(a)|(b)", "ab"))
print([m.span() for m in re.finditer(r"\w+", "one two  three")])
print([m.group(1) for m in re.finditer(r"(\d)(\d)?", "12 3 45")])
print(re.compile(r"o").findall("foo boo"), list(re.compile(r"x").finditer("")))
