# user objects with __eq__ and __hash__ as keys
class Key:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return isinstance(other, Key) and self.n == other.n
    def __hash__(self):
        return hash(self.n)
d = {Key(1): 'a', Key(2): 'b'}
print(d[Key(1)], Key(2) in d, Key(3) in d, len(d))
d[Key(1)] = 'c'
print(len(d), d[Key(1)])
