# float presentation types e E f F g G n %
x = 12345.6789
print('{:e}|{:E}|{:f}|{:F}|{:g}|{:G}|{:n}|{:%}'.format(x, x, x, x, x, x, x, x))
y = 0.00001234
print('{:e}|{:f}|{:g}|{:G}|{:.2%}'.format(y, y, y, y, y))
print('{}|{:}|{:.2}'.format(x, x, x))
