# iter of an iterator returns itself
it = iter([1, 2])
print(iter(it) is it)
e = enumerate('a')
print(iter(e) is e)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__)
