# round on ints and floats
print(round(3.5), round(4.5), round(-3.5))
print(round(3.14159, 3), round(10), round(1234, -2))
print(round(1250, -2), round(1350, -2))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(round(2.5, 0))
