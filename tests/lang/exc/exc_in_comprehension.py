# exceptions raised inside comprehensions propagate
def check(x):
    if x == 3:
        raise ValueError('three')
    return x
try:
    print([check(x) for x in range(5)])
except ValueError as e:
    print('comprehension raised', e)
