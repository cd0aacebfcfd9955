# container special methods
class Store:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        return self.d[k]
    def __setitem__(self, k, v):
        print('set', k, v)
        self.d[k] = v
    def __delitem__(self, k):
        print('del', k)
        del self.d[k]
    def __contains__(self, k):
        return k in self.d
    def __len__(self):
        return len(self.d)
s = Store()
s['a'] = 1
s[2] = 'two'
print(s['a'], s[2], 'a' in s, 'z' in s, len(s))
del s['a']
print('a' in s, len(s))
try:
    s['missing']
except KeyError as e:
    print(type(e).__name__)
