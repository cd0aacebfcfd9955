# huge bytes and str allocations raise MemoryError (OverflowError past the index range)
for make in (lambda: bytes(2 ** 50), lambda: 'ab' * (2 ** 50), lambda: bytearray(2 ** 50)):
    try:
        make()
        print('allocated?')
    except (MemoryError, OverflowError) as e:
        print(type(e).__name__, 'caught')
print('done')
