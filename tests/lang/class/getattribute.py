# __getattribute__ intercepts every attribute access
class Spy:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if name == 'secret':
            return 'intercepted'
        return object.__getattribute__(self, name)
s = Spy()
print(s.x, s.secret)
