# nested unpacking in for loops
pairs = [(1, (2, 3)), (4, (5, 6))]
for a, (b, c) in pairs:
    print(a + b + c)
for i, (x, y) in enumerate([('p', 'q'), ('r', 's')]):
    print(i, x, y)
