# reversed on sequences and custom classes
print(list(reversed([1, 2, 3])), ''.join(reversed('abc')), tuple(reversed((1, 2))), list(reversed(range(3))))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(Seq())))
class R:
    def __reversed__(self):
        return iter('zyx')
print(list(reversed(R())))
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__)
