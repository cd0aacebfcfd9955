# slice.indices normalises bounds
print(slice(None).indices(10), slice(-3, None).indices(10))
print(slice(2, 100, 3).indices(10))
print(slice(None, None, -1).indices(5), slice(-100, 100).indices(4))
