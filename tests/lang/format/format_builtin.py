# format() builtin and __format__
print(format(255, 'x'), format(3.5, '08.2f'), format('s', '>3'), format(12))
class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return '$' + format(self.v, spec or '.2f')
print(format(Money(3)), '{:.1f}'.format(Money(2)), '{}'.format(Money(1.5)))
