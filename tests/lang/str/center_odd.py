# center distributes odd padding
for w in range(3, 9):
    print(repr('ab'.center(w, '.')), repr('abc'.center(w, '.')))
print(repr('a'.center(4)), repr('a'.center(5)), repr(''.center(3, '-')))
print(repr('abc'.center(2)), repr('é'.center(4, '*')))
