# tuples cannot be modified but their items can
t = (1, [2, 3])
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__)
t[1].append(4)
print(t)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__)
