# insert, pop and remove
l = ['a', 'b', 'c']
l.insert(0, 'start')
l.insert(100, 'end')
l.insert(-1, 'mid')
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove('b')
print(l)
for f in (lambda: l.remove('zzz'), lambda: [].pop(), lambda: l.pop(10)):
    try:
        f()
    except (ValueError, IndexError) as e:
        print(type(e).__name__)
