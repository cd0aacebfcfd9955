# truthiness of empty and non-empty literals in conditions
for v in ([], [0], {}, {0: 0}, '', ' ', (), (None,), set(), 0):
    print(repr(v), 'truthy' if v else 'falsy')
print([] or 'default', {} and 'never', (0,) and 'tuple')
print(not {}, not {0: 0})
