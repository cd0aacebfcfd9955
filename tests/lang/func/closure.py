# closures capture variables from enclosing scopes
def make_adder(n):
    def add(x):
        return x + n
    return add
a5 = make_adder(5)
a10 = make_adder(10)
print(a5(1), a10(1), make_adder(-1)(0))
def outer():
    x = 'before'
    def inner():
        return x
    x = 'after'
    return inner
print(outer()())
