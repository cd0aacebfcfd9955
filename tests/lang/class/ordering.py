# rich comparison methods
class N:
    def __init__(self, n):
        self.n = n
    def __lt__(self, o):
        return self.n < o.n
    def __le__(self, o):
        return self.n <= o.n
    def __gt__(self, o):
        return self.n > o.n
    def __ge__(self, o):
        return self.n >= o.n
    def __eq__(self, o):
        return self.n == o.n
    def __ne__(self, o):
        return self.n != o.n
    def __repr__(self):
        return 'N%d' % self.n
a, b = N(1), N(2)
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(sorted([N(3), N(1), N(2)]), max(N(5), N(9)), min([N(4), N(0)]))
