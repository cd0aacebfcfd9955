# max and min with multiple arguments, key and default
print(max(1, 2, 3), min('b', 'a', 'c'), max([1, 2], [1, 3]), min((3, 'x'), (3, 'a')))
print(max([-5, 3, -7], key=abs), min({'a': 3, 'b': 1}, key=lambda k: {'a': 3, 'b': 1}[k]))
print(max([], default=0), min(iter([]), default='none'))
print(max([1, 1.0]), max([1.0, 1]))
