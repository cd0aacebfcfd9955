# values views are not set-like and not equal to each other
d = {'a': 1}
print(list(d.values()) == [1], d.values() == d.values())
print(type(d.keys()).__name__, type(d.values()).__name__)
print(type(d.items()).__name__)
