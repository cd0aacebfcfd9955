# global and nonlocal in nested scopes
g = 'g0'
def outer():
    n = 'n0'
    def inner():
        global g
        nonlocal n
        g = 'g1'
        n = 'n1'
    inner()
    return n
print(outer(), g)
