# finally in a generator runs when it is exhausted
def g():
    try:
        yield 'x'
    finally:
        print('finally ran')
for v in g():
    print(v)
print('loop done')
