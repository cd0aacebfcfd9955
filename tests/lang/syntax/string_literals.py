# string literal forms and escapes
print('single', "double", '''triple single''', """triple double""")
print('tab:\t|', 'nl:\\n', 'quote:\'', "dq:\"", 'hex:\x41', 'oct:\101', 'uni:\u0042', 'big:\U00000043')
print(len('\\'), len('\''), 'a' 'b' "c", r'raw\t', b'bytes\x41')
print('null byte:' + repr('\0'))
