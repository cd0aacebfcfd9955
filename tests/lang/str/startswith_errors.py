# startswith with non-string arguments raises TypeError
try:
    'abc'.startswith(['a'])
except TypeError as e:
    print(type(e).__name__)
print('abc'.startswith(('z', 'ab', 'q')))
print('abc'.endswith(()))
