# zfill pads with zeros after the sign
print('42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4))
print('abc'.zfill(5), '123456'.zfill(3), ''.zfill(2))
print('-'.zfill(3), '+'.zfill(3), '0'.zfill(3), '-0.5'.zfill(6))
print('é'.zfill(3), '42'.zfill(0), '-42'.zfill(2))
