# tuple count and index
t = (1, 2, 2, 3, 2)
print(t.count(2), t.count(9), t.index(2), t.index(2, 2), t.index(3))
try:
    t.index(9)
except ValueError as e:
    print(type(e).__name__)
