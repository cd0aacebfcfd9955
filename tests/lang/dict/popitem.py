# popitem removes the last inserted item
d = {'x': 1, 'y': 2, 'z': 3}
print(d.popitem(), d.popitem(), d)
d['w'] = 4
print(d.popitem(), d.popitem(), d)
try:
    d.popitem()
except KeyError as e:
    print(type(e).__name__)
