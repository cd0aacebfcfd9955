# Pattern syntax: classes, quantifiers (greedy and lazy), anchors, alternation, groups.
import re

tests = [
    (r"[abc]+", "xxbcaay"), (r"[^abc]+", "abcxyzab"), (r"[a-z0-9_]+", "Hello_World42!"),
    (r"[]x]+", "a]x]b"), (r"[a\-z]+", "q-a-z"), (r"[\d.]+", "v1.2.3rc"), (r"\s+", "a \t\n b"),
    (r"\S+", "  word  "), (r"\W+", "ab, cd"), (r"\D+", "12ab34"), (r"a.c", "abc a\nc"),
    (r"colou?r", "my colour"), (r"ab*", "abbbb"), (r"ab*?", "abbbb"), (r"ab+?", "abbbb"),
    (r"a{3}", "aaaaa"), (r"a{2,}", "aaaaa"), (r"a{,2}", "aaaaa"), (r"a{1,3}?", "aaaaa"),
    (r"x{2}y{0}", "xxy"), (r"a{", "a{"), (r"^abc$", "abc"), (r"^b", "abc"), (r"c$", "abc\n"),
    (r"cat|dog", "hotdog"), (r"(?:ab)+", "ababab"), (r"(a|b)+", "abba"), (r"\bis\b", "this is it"),
    (r"\Bis", "this is it"), (r"\Aab", "ab"), (r"b\Z", "ab\n"), (r"\.\*\+\?", "x.*+?"),
    (r"\x41\u0042", "zAB"), (r"\t", "a\tb"), (r"(\d+)-(\d+)", "call 555-1234 now"),
]
for pattern, text in tests:
    m = re.search(pattern, text)
    print(pattern, m.group() if m else None, m.span() if m else None)
