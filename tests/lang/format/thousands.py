# thousands separators , and _
print('{:,} {:,} {:,}'.format(1234567, -1234, 100))
print('{:_} {:_x} {:_b}'.format(1234567, 0xdeadbeef, 255))
print('{:,.2f} {:,.0f} {:15,}'.format(1234567.891, 1e9, 987654321))
print('{:010,}'.format(1234567))
