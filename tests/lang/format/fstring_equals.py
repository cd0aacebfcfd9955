# the = specifier in f-strings
x = 10
y = 'abc'
print(f'{x=}', f'{y=}', f'{x + 1=}')
print(f'{x=:>5}')
