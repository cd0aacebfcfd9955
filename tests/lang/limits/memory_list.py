# a huge list allocation raises MemoryError
try:
    x = [0] * (2 ** 50)
    print('allocated?')
except MemoryError:
    print('MemoryError caught')
l = [0] * 1000
print(len(l))
