# exec of statements with dict namespaces
ns = {}
exec('a = 5\nb = a * 2\ndef f(x):\n    return x + b', ns)
print(ns['a'], ns['b'], ns['f'](1))
exec('print("printed from exec")')
g = {'val': 3}
exec('val += 1', g)
print(g['val'])
print(exec('1 + 1'))
exec('created_global = 7')
print(created_global)
