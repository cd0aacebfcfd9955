# getattr, setattr, delattr and hasattr
class C:
    a = 1
o = C()
print(getattr(o, 'a'), getattr(o, 'b', 'dflt'), hasattr(o, 'a'), hasattr(o, 'b'))
setattr(o, 'b', 2)
print(o.b, getattr(o, 'b'))
delattr(o, 'b')
print(hasattr(o, 'b'))
try:
    getattr(o, 'nope')
except AttributeError as e:
    print(type(e).__name__)
try:
    delattr(o, 'nope')
except AttributeError as e:
    print(type(e).__name__)
print(getattr('abc', 'upper')(), getattr([], 'append') is not None)
