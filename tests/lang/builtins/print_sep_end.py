# print with sep and end
print('a', 'b', 'c', sep='-')
print('no newline', end='|')
print('next')
print(1, 2, sep='', end='\n\n')
print()
print('x', sep='ignored')
print(*[1, 2, 3], sep=', ', end='.\n')
print(None, True, 1.5, [1], sep=None, end=None)
