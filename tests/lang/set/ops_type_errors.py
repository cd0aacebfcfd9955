# set operators require sets, methods accept iterables
try:
    {1} | [2]
except TypeError as e:
    print(type(e).__name__)
print(sorted({1}.union([2])), sorted({1, 2}.difference(range(2))))
