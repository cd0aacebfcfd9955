# zero padding with width
print('{:05d} {:05} {:08.3f} {:03d}'.format(42, -42, -3.14159, 12345))
print('{:06x} {:010b} {:+06d}'.format(255, 5, 7))
print('{:0>5}|{:0<5}'.format('ab', 'ab'))
