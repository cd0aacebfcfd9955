# nonlocal rebinding in nested functions
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
print(c(), c(), c())
c2 = counter()
print(c2(), c())
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x = 3
        inner()
    mid()
    return x
print(outer())
