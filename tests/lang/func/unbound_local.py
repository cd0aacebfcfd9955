# assignment later in a function makes a name local
x = 10
def f():
    try:
        print(x)
    except UnboundLocalError as e:
        print(type(e).__name__, isinstance(e, NameError))
    x = 5
    return x
print(f())
