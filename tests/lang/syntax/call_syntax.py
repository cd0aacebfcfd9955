# call syntax with trailing commas and nested calls
def f(*a, **k):
    return len(a), sorted(k)
print(f(1, 2,), f(a=1,), f(*[1], **{'x': 2},))
print(f(f(1), f()))
