# try inside loops with continue in except
results = []
for v in ['1', 'x', '3', '', '5']:
    try:
        n = int(v)
    except ValueError:
        results.append('bad')
        continue
    else:
        results.append(n)
    finally:
        results.append('|')
print(results)
