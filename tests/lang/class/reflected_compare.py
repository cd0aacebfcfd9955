# comparisons fall back to reflected methods
class L:
    def __lt__(self, o):
        print('L.__lt__')
        return True
class G:
    def __gt__(self, o):
        print('G.__gt__')
        return False
print(L() < 5)
print(5 > L())
print(L() < G())
print(G() > 1)
class NoCmp:
    pass
try:
    NoCmp() < NoCmp()
except TypeError as e:
    print(type(e).__name__)
