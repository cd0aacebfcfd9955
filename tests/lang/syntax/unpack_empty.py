# unpacking into an empty target list
() = ''
[] = ()
() = []
try:
    () = 'a'
except ValueError:
    print('ValueError')
a, *b = 'x'
print(a, b)
print('done')
