# functions returning tuples
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 8, 1])
print(lo, hi, minmax('hello'))
r = minmax((5,))
print(r, type(r).__name__)
