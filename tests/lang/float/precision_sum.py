# accumulated float error is printed exactly
s = 0.0
for i in range(10):
    s += 0.1
print(s, s == 1.0, round(s, 10))
print(sum([0.1] * 10))
print(1e16 + 1, 1e16 + 2)
