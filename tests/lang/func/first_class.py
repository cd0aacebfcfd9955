# functions as values
def apply(f, *args):
    return f(*args)
ops = {'add': lambda a, b: a + b, 'mul': lambda a, b: a * b}
print(apply(ops['add'], 2, 3), apply(ops['mul'], 2, 3), apply(max, 4, 9, 2))
funcs = [str.upper, str.lower, len]
print([f('MiXed') for f in funcs])
