# removeprefix and removesuffix
print('TestCase'.removeprefix('Test'), 'TestCase'.removeprefix('Case'))
print('file.py'.removesuffix('.py'), 'file.py'.removesuffix('.txt'))
print('x'.removesuffix(''))
