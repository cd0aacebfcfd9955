# list() and tuple() of various iterables
print(list(range(0)), tuple(iter([1])), list({'k': 1}.items()))
print(list(reversed('ab')), list(enumerate('')))
print(len(list(range(50))), len(tuple(x for x in 'abc')))
print(list(map(len, ['', 'a'])), list(zip('ab')))
