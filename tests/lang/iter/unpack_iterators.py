# unpacking from iterators and generators
a, b, c = iter('xyz')
print(a, b, c)
first, *rest = map(str.upper, 'hey')
print(first, rest)
print(*range(3), sep='-')
print([*'ab', *range(2)], (*'cd',), {*'ee'})
