# re.match, search and fullmatch; Match objects and their repr.
import re

print(re.match(r"a+", "aaab"))
print(re.match(r"b", "abc"), re.search(r"b", "abc"))
print(re.search(r"\d+", "abc 123 def").group())
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"), re.fullmatch(r"a|ab", "ab"))
m = re.search(r"(\w+)@(\w+)\.com", "mail: joe@example.com!")
print(m.group(), m.group(0), m.group(1), m.group(2), m.group(1, 2))
print(m.groups(), m.span(), m.start(), m.end(), m.span(2), m[1], m[0])
print(re.match(r"", "abc"), re.search(r"$", "abc"))
p = re.compile(r"\d")
print(p.match("a1", 1), p.search("abc5", 0, 3), p.search("a1b2", 2))
print(p.fullmatch("12", 1), p.pattern, p.groups)
print(re.compile(r"(a)(b)?").match("a").groups(), re.compile(r"(a)(b)?").match("a").groups("-"))
print(re.match(r"(a)(b)?", "a").span(2), re.match(r"(a)(b)?", "a").group(2))
