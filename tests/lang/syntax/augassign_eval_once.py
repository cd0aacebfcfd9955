# augmented subscript assignment evaluates the target once
count = 0
def idx():
    global count
    count += 1
    return 0
l = [5]
l[idx()] += 1
print(l, count)
class Tracker:
    def __getitem__(self, k):
        print('get', k)
        return 10
    def __setitem__(self, k, v):
        print('set', k, v)
t = Tracker()
t['a'] += 5
