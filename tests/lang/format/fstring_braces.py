# literal braces in f-strings
x = 5
print(f'{{x}} {{{x}}} {x}}}')
print(f'{ {x: 1}[x] }')
