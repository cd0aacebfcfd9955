# assert with and without message
assert 1 + 1 == 2
try:
    assert [], 'empty list is falsy'
except AssertionError as e:
    print(e)
x = 5
try:
    assert x < 0, 'x=%d' % x
except AssertionError as e:
    print(e)
