# large powers and factorial
print(2 ** 200)
print(10 ** 40 + 1)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(len(str(7 ** 100)))
