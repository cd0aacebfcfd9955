# del on list elements via names and indices
l = [0, 1, 2, 3]
x = l
del x[1]
print(l)
del l
try:
    print(l)
except NameError as e:
    print(type(e).__name__)
print(x)
