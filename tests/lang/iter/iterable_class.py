# a class whose __iter__ returns a fresh iterator
class Bag:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
b = Bag(1, 2, 3)
print(list(b), list(b), sum(b), 2 in b, sorted(b, reverse=True))
