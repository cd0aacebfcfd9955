# raising a class instantiates it
try:
    raise KeyError
except KeyError as e:
    print(type(e).__name__, e.args)
try:
    raise TypeError('msg')
except TypeError as e:
    print(e.args)
try:
    raise 5
except TypeError as e:
    print('raise int:', type(e).__name__)
