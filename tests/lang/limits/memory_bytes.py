# huge bytes and str allocations raise MemoryError
for make in (lambda: bytes(2 ** 50), lambda: 'ab' * (2 ** 50), lambda: bytearray(2 ** 50)):
    try:
        make()
        print('allocated?')
    except MemoryError:
        print('MemoryError caught')
print('done')
