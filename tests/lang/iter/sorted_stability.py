# sorted preserves the order of equal elements, also with reverse
pairs = [(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd'), (2, 'e'), (1, 'f')]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
by_letter = sorted(pairs, key=lambda p: p[1], reverse=True)
print(sorted(by_letter, key=lambda p: p[0]))
