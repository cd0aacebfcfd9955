# object() instances
o = object()
p = object()
print(type(o).__name__, o == o, o == p, o is not p, isinstance(o, object))
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__)
