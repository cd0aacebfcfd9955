# membership and len of tuples
t = (1, 'a', None, (2,))
print(len(t), 'a' in t, 2 in t)
print((2,) in t, None in t, len(()))
