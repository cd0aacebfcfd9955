# indexing strings with non-ASCII code points
s = 'héllo wörld ☃ 日本'
print(len(s), s[1], s[7], s[12], s[-1], s[-2])
print(ord(s[1]), ord(s[12]), ord(s[-1]))
print(s[::-1])
print(s[1:4], s[12:])
