# str patterns match code points; positions are character indices.
import re

s = "caf\u00e9 na\u00efve r\u00e9sum\u00e9"
print(re.findall(r"\w+", s))
m = re.search(r"na.ve", s)
print(m.group(), m.span(), m.start(), m.end())
print(re.sub(r"\u00e9", "e", s))
print(re.findall(r"[\u00e0-\u00ff]", s), re.findall(r"[^a-z ]", s))
print(re.split(r"\s", s), len(re.match(r".{4}", s).group()))
print(re.search(r"\u20ac(\d+)", "cost: \u20ac42").span(1))
print(re.findall(r"\d", "\u0661\u0662 34"), re.findall(rb"\w+", b"caf\xc3\xa9"))
