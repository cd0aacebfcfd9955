# a huge list allocation raises MemoryError (OverflowError where the count passes the index range)
try:
    x = [0] * (2 ** 50)
    print('allocated?')
except (MemoryError, OverflowError) as e:
    print(type(e).__name__, 'caught')
l = [0] * 1000
print(len(l))
