# assert raises AssertionError with an optional message
try:
    assert 1 == 2, 'math is broken'
except AssertionError as e:
    print('AssertionError', e)
try:
    assert False
except AssertionError as e:
    print(e.args)
assert True, 'never'
print('passed')
