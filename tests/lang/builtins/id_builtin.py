# id is stable for an object and differs for live objects
a = [1]
b = [1]
print(id(a) == id(a), id(a) != id(b), type(id(a)).__name__)
c = a
print(id(c) == id(a))
