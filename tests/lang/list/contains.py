# membership tests in lists
l = [1, 'two', 3.0, None, [4]]
print(1 in l, 'two' in l, 3 in l)
print(None in l, [4] in l, 5 not in l)
