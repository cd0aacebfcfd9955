# str.rsplit with maxsplit
print('a b c d'.rsplit(None, 1), 'a,b,c'.rsplit(',', 1))
print('a,b,c'.rsplit(','))
print('  a  b  '.rsplit(), 'x--y--z'.rsplit('--', 5))
print('abc'.rsplit('b', 0))
print('a b c'.rsplit(maxsplit=1), 'a.b.c'.split(sep='.', maxsplit=1))
