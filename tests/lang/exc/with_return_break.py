# __exit__ runs on return and break
class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print('exit', a[0])
def f():
    with CM():
        return 'returned'
print(f())
for i in range(3):
    with CM():
        if i == 1:
            break
print('after loop', i)
