# casefold for case-insensitive comparison
print('HeLLo'.casefold(), 'ABC'.casefold() == 'abc')
print('ÉCOLE'.casefold(), 'École'.casefold() == 'ÉCOLE'.casefold())
words = ['Apple', 'apple', 'APPLE', 'banana']
print(sorted(set(w.casefold() for w in words)))
