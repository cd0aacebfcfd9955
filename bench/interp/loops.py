# Nested integer loops with arithmetic.
total = 0
for i in range(3000):
    for j in range(2000):
        total += (i * j) % 7
print(total)
