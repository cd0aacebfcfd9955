# __enter__ and __exit__ in with statements
class Ctx:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et is None)
        return False
with Ctx('a') as v:
    print('body', v)
with Ctx('x') as x, Ctx('y') as y:
    print('both', x, y)
