# try with only finally and try-except without as
try:
    pass
finally:
    print('finally only')
try:
    int('x')
except ValueError:
    print('no as')
