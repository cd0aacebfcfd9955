# startswith and endswith with tuples and ranges
s = 'filename.tar.gz'
print(s.startswith('file'), s.startswith('name'), s.startswith(''), s.endswith('.gz'))
print(s.endswith(('.zip', '.gz')), s.startswith(('x', 'y')), s.startswith(('a', 'fi')))
print(s.startswith('name', 4), s.endswith('file', 0, 4), s.endswith('tar', 0, -3))
