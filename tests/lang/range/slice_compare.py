# slice equality
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 2, None))
print(slice(1, 2) == slice(1, 3))
print(repr(slice(1, 2, 3)), slice(None))
