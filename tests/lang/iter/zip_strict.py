# zip with strict=True
print(list(zip('ab', 'cd', strict=True)))
try:
    list(zip('ab', 'c', strict=True))
except ValueError as e:
    print(type(e).__name__)
