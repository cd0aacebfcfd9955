# class bodies execute like code and do not form closures
class C:
    x = 10
    y = x * 2
    items = [x, y]
    def f(self):
        try:
            return x
        except NameError as e:
            return type(e).__name__
print(C.y, C.items, C().f())
class D:
    print('class body runs')
    total = sum(range(5))
print(D.total)
