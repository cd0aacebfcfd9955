# subclassing str
class Upper(str):
    def shout(self):
        return self.upper() + '!'
u = Upper('hey')
print(u, u.shout(), len(u), u + 'x', type(u).__name__, isinstance(u, str), u == 'hey')
