# changing size during iteration raises RuntimeError
d = {'a': 1, 'b': 2}
try:
    for k in d:
        d[k + k] = 0
except RuntimeError as e:
    print(type(e).__name__)
for k in list(d):
    d[k + '!'] = 1
print(sorted(d))
