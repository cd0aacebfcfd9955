# indexing strings with positive and negative indices
s = 'hello'
print(s[0], s[4], s[-1], s[-5])
for i in (5, -6):
    try:
        s[i]
    except IndexError as e:
        print(i, type(e).__name__)
