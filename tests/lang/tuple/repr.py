# repr of tuples
print((1,), (), ('a',))
print(((1,),), (1, (2, 3)), ('x', None, 1.5))
print(repr((1, 'b')), str(((),)))
