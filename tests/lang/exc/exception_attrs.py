# custom attributes on exception instances
try:
    e = ValueError('x')
    e.extra = 42
    raise e
except ValueError as err:
    print(err.extra, err is e)
class Err(Exception):
    code = 7
print(Err().code, Err('m').args)
