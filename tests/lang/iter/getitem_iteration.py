# iteration via the legacy __getitem__ protocol
class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i
print(list(Squares()), 9 in Squares(), 5 in Squares())
for v in Squares():
    print(v)
