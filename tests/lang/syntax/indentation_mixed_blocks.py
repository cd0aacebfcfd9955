# deeply nested blocks
total = 0
for i in range(3):
    if i % 2 == 0:
        for j in range(3):
            while j > 0:
                if j == 2:
                    total += 10
                else:
                    total += 1
                j -= 1
    else:
        total += 100
print(total)
