# indexing and negative indices
l = [10, 20, 30, 40]
print(l[0], l[-1], l[2], l[-4])
l[1] = 'x'
l[-1] = 'y'
print(l)
for i in (4, -5):
    try:
        l[i]
    except IndexError as e:
        print(i, type(e).__name__)
