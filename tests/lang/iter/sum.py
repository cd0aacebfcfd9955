# sum with start values
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([1, 2], 10), sum([0.5, 0.25]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum(x * x for x in range(4)))
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print(type(e).__name__)
