# mixing positional, *args, keyword and **kwargs at a call site
def f(*args, **kwargs):
    return args, sorted(kwargs.items())
print(f(1, *[2, 3], 4, a=1, **{'b': 2}, c=3))
print(f(*(), **{}))
