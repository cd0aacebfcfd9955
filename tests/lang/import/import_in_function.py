# imports inside functions are local bindings
def f():
    import sys
    return sys.__name__
print(f(), 'sys' in globals())
import sys
print('sys' in globals())
