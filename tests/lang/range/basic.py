# range with one, two and three arguments
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)))
print(list(range(10, 0, -3)), list(range(5, 5)), list(range(5, 0)))
print(list(range(-3, 3)))
