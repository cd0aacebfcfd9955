# min and max with key and default
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max('abc'), min('b', 'a'))
print(min(['aaa', 'b', 'cc'], key=len), max(['aaa', 'b', 'cc'], key=len))
print(min([], default='empty'), max([], default=None), max([1], default=5))
print(max([(1, 'b'), (1, 'a')]), max([1, 3, 3.0], key=float), min([2, 1, 1.0]))
for f in (min, max):
    try:
        f([])
    except ValueError as e:
        print(type(e).__name__)
