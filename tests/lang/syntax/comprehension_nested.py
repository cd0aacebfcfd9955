# nested comprehensions and clause order
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
print([(i, j) for i in range(3) if i for j in range(i) if j < 1])
