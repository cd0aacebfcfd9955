# f-strings concatenated with other literals and triple quotes
a, b = 1, 2
s = f'a={a}' ' plain ' f'b={b}'
print(s)
t = f'''{a}
{b}'''
print(t)
print(rf'\n{a}', fr'{b}\t')
