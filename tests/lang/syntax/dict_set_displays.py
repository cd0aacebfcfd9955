# dict and set display syntax edge cases
print({}, {1: 2}, {1: 2,})
print(sorted({1, 2,}), {(1, 2): [3]})
print({'a': 1, 'a': 2}, [1, 2,], (1,))
print(())
