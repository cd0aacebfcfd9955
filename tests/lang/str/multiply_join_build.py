# building a table with string operations
rows = [('name', 'qty'), ('apple', '3'), ('kiwi', '12')]
for a, b in rows:
    print(a.ljust(8) + '|' + b.rjust(4))
print('=' * 13)
