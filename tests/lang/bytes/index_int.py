# indexing bytes gives ints
b = b'ABC\xff'
print(b[0], b[-1], b[1], type(b[0]).__name__)
print([x for x in b])
try:
    b[10]
except IndexError as e:
    print(type(e).__name__)
