# StopIteration from __next__ ends a for loop silently
class Two:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 2:
            raise StopIteration('finished')
        return self.i
for x in Two():
    print(x)
print('after loop')
