# re.sub and subn: templates with group references, callables, count, empty matches.
import re

print(re.sub(r"\d+", "#", "a1b22c333"))
print(re.sub(r"(\d+)", r"<\1>", "a1b22c333"))
print(re.sub(r"(?P<word>\w+)", r"[\g<word>]", "hi there"))
print(re.sub(r"(\w)(\w)", r"\g<2>\g<1>", "abcd"))
print(re.sub(r"a", "b", "aaaa", count=2), re.sub(r"a", "b", "aaaa", 1))
print(re.subn(r"o", "0", "foo boo"), re.subn(r"z", "-", "abc"))
print(re.sub(r"x*", "-", "abxd"))
print(re.sub(r"", "|", "abc"))
print(re.sub(r"\s+", " ", "  lots   of\t\tspace  "))
print(re.sub(r"[aeiou]", lambda m: m.group().upper(), "programming language"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "1 2 30"))
print(re.sub(r"(a)|b", r"[\1]", "ab"))
print(re.sub(r"-", r"\n", "a-b"), re.sub(r"-", "\\\\", "a-b"))
print(re.compile(r"\s").sub("_", "a b c"), re.compile(r"\s").subn("_", "a b c", 1))
print(re.sub(b"[0-9]", b"#", b"x1y2"))
