# close() runs finally blocks and stops the generator
def g():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
it = g()
print(next(it))
it.close()
print(next(it, 'closed'))
it.close()
fresh = g()
fresh.close()
print('fresh closed without cleanup')
