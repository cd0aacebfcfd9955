# passing a bare generator expression as the only argument
def first(it):
    return next(iter(it))
print(first(x * 2 for x in range(3, 9)), sum(x for x in [1, 2, 3]))
