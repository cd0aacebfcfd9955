# with statement with multiple managers and no target
class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print('enter', self.n)
        return self.n
    def __exit__(self, *a):
        print('exit', self.n)
with CM(1), CM(2) as b:
    print('body', b)
with (CM(3) as c, CM(4)):
    print('parenthesized', c)
