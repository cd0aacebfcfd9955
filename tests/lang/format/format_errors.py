# invalid format specs raise ValueError
for spec in ('d', 'Q', ',s'):
    try:
        format(1.5 if spec == 'd' else 'x', spec)
    except ValueError as e:
        print(spec, type(e).__name__)
try:
    format(5, 's')
except ValueError as e:
    print('s', type(e).__name__)
