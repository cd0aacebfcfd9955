# builtins can be shadowed and restored with del
def demo():
    return len('abc')
len = lambda x: 'shadowed'
print(demo(), len([]))
del len
print(demo(), len([1]))
