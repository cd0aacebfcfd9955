# escaped braces
print('{{}} {{{}}} {{0}}'.format('x'))
print('{{'.format(), '}}'.format())
try:
    '{'.format()
except ValueError as e:
    print(type(e).__name__)
