# container constructors from iterables
src = 'abca'
print(list(src), tuple(src), sorted(set(src)))
print(dict.fromkeys(src), dict(enumerate(src)))
print(list(dict(a=1, b=2).items()), tuple([1, [2]]))
