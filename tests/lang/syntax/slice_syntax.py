# slice syntax forms
s = list(range(10))
print(s[:], s[::], s[1:], s[:1], s[::2], s[1::2], s[:5:2], s[-2::-3])
i, j = 2, 6
print(s[i:j], s[i + 1:j - 1], s[len(s) // 2:])
