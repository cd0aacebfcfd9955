# filter with a function and with None
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, 1, '', 'a', None, [], [0]])))
print(list(filter(str.isdigit, 'a1b2c3')))
print(list(filter(lambda s: len(s) > 1, ['a', 'bb', 'ccc'])))
print(list(filter(None, (False, True, 0.0, 2.5))))
