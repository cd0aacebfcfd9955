# iterating a generator in a for loop
def squares(n):
    for i in range(n):
        yield i * i
for s in squares(5):
    print(s)
print(list(squares(3)), sum(squares(4)))
