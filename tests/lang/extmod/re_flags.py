# Flags: IGNORECASE, MULTILINE, DOTALL; compiled pattern repr and attributes.
import re

print(re.findall(r"[a-c]+", "xABCabcx", re.I), re.findall(r"abc", "ABC abc", re.IGNORECASE))
print(re.search(r"^b", "a\nb", re.M), re.search(r"^b", "a\nb"))
print(re.findall(r"^\w", "one\ntwo\nthree", re.MULTILINE), re.findall(r"\w$", "ab\ncd", re.M))
print(re.search(r"a.b", "a\nb"), re.search(r"a.b", "a\nb", re.S).group())
print(re.search(r"A.B", "a\nb", re.I | re.S).group())
p = re.compile(r"ab+", re.I)
print(p, p.flags & re.I != 0, p.pattern, re.compile("x"))
print(re.compile(r"(?P<k>\w+)=(?P<v>\w+)").groupindex == {"k": 1, "v": 2})
m = re.match(r"(?P<k>\w+)=(?P<v>\w+)", "key=val")
print(m.group("k"), m.group("v"), m.groupdict(), m.start("v"))
print(re.match(r"(\w)\1", "aa"), re.match(r"(?P<c>\w)(?P=c)", "bb").group(), re.match(r"(a)\1", "aA", re.I).group())
print(re.escape("1.5*x+[y]"), re.escape("plain"))
