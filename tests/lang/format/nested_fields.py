# nested replacement fields in format specs
print('[{:{}}]'.format('ab', 6))
print('[{:{fill}{align}{width}}]'.format('ab', fill='*', align='^', width=8))
print('[{0:.{1}f}]'.format(3.14159, 3))
print('[{:>{w}.{p}f}]'.format(2.71828, w=10, p=2))
