# assignment expressions
data = [1, 5, 12, 3, 20]
if (n := len(data)) > 3:
    print('long list', n)
print([y for x in data if (y := x * 2) > 10])
print(y)
vals = iter([3, 2, 1, 0, 9])
while (v := next(vals)) != 0:
    print('v', v)
print((z := 5) + z)
