# f-strings with expressions
name = 'World'
n = 7
print(f'Hello, {name}!', f'{n * 6}', f'{n} squared is {n ** 2}')
print(f'{name.upper()} {len(name)} {name[1:3]}')
print(f'{"quoted"} {[1, 2][0]} {n if n > 3 else 0}')
print(F'upper F {n}', f'' == '')
