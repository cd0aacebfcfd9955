# f-strings with nested fields in the spec
width = 10
prec = 3
val = 2.718281828
print(f'[{val:{width}.{prec}f}]')
print(f'[{"x":{"^"}{width}}]')
fill = '-'
print(f'[{"mid":{fill}^{width}}]')
