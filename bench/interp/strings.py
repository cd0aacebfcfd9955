# String methods and formatting.
total = 0
for i in range(400000):
    s = "item-%d: %s" % (i, "abc" * (i % 5))
    parts = s.split(":")
    t = parts[0].upper().replace("ITEM", "x") + "{:>8}".format(i) + f"{i:05d}"
    total += len(t) + s.find("c") + len(s.strip().lower())
print(total)
