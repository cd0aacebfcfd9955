# f-strings with format specs
x = 3.14159
n = 255
print(f'{x:.2f} {x:10.3f}| {x:<8.1f}| {n:x} {n:#b} {n:,} {n:08d}')
print(f'{"ab":*^8} {-5:+d} {0.25:.0%} {1e6:,.1f}')
