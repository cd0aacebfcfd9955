# tuple indexing and slicing
t = (10, 20, 30, 40, 50)
print(t[0], t[-1], t[1:3], t[::2], t[::-1], t[10:], type(t[1:2]).__name__)
try:
    t[5]
except IndexError as e:
    print(type(e).__name__)
