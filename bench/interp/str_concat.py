# s += ch concatenation in a loop.
s = ""
for i in range(200000):
    s += "abcdefghij"[i % 10]
print(len(s), s[:20])
