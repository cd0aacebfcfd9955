# eval of expressions with globals and locals
print(eval('1 + 2 * 3'), eval('[x * 2 for x in range(3)]'), eval('"ab" * 2'))
print(eval('a + b', {'a': 1, 'b': 2}), eval('a * z', {'a': 3}, {'z': 4}))
x = 10
print(eval('x + 1'))
def f():
    y = 5
    return eval('y * 2')
print(f())
try:
    eval('1 +')
except SyntaxError as e:
    print(type(e).__name__)
