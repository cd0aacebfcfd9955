# nested enumerate and zip
for i, (a, b) in enumerate(zip('abc', [1, 2, 3]), 1):
    print(i, a, b)
print(list(zip(range(3), zip('xy', 'XY'))))
