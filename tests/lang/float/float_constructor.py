# float() of various arguments
print(float(), float(0), float('-0'), float('nan') != float('nan'))
class F:
    def __float__(self):
        return 2.5
print(float(F()))
print(float('  -1.5e2\n'), float('+inf'))
