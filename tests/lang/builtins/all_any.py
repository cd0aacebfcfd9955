# all and any over various iterables
print(all([1, 'a', [0]]), all([1, 0]), all(()))
print(all(x > 0 for x in [1, 2]))
print(any([0, '', None]), any([0, 'x']), any(()))
print(any(x > 1 for x in [1, 2]))
print(all({}), any({0: 'a'}), any({1: 'a'}))
print(all('abc'))
