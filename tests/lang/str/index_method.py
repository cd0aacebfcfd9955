# index and rindex raise ValueError when not found
s = 'hello world'
print(s.index('o'), s.rindex('o'), s.index('l', 5), s.rindex('l', 0, 5))
for args in (('x',), ('o', 8), ('h', 1, 5)):
    try:
        s.index(*args)
    except ValueError as e:
        print(args, type(e).__name__)
try:
    s.rindex('z')
except ValueError as e:
    print(type(e).__name__)
