# any and all with short circuiting
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any('') , all(''))
def gen():
    for x in (0, 1, 2, 3):
        print('gen', x)
        yield x
print(any(gen()))
print(all(gen()))
