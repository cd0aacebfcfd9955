# __contains__ takes priority over iteration
class Both:
    def __contains__(self, x):
        return x == 'magic'
    def __iter__(self):
        return iter(['a'])
b = Both()
print('magic' in b, 'a' in b, list(b))
