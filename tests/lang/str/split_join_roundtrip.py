# split then join round-trips
for s in ('a,b,c', ',a,,b,', '', 'single'):
    parts = s.split(',')
    print(parts, ','.join(parts) == s)
