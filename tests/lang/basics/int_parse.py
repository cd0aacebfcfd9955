# int() from strings
print(int('42'), int('-17'), int('  8  '), int('+3'))
print(int('0'), int('000123'), int('1_000'))
print(int('12345678901234567890123'))
for s in ('', '1.5', 'abc', '1 2', '_1'):
    try:
        int(s)
    except ValueError as e:
        print(repr(s), type(e).__name__)
