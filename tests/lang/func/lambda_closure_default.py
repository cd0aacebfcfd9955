# lambdas capture enclosing variables and defaults
def make(n):
    return [lambda x, i=i: x * i + n for i in range(3)]
print([f(10) for f in make(1)])
