# augmented assignment on attributes and subscripts
class O:
    pass
o = O()
o.n = 1
o.n += 10
o.n *= 2
l = [1, 2, 3]
l[0] += 100
l[-1] **= 2
d = {'k': 'a'}
d['k'] += 'b'
d['k'] *= 2
print(o.n, l, d)
m = [[1, 2], [3, 4]]
m[1][0] -= 5
print(m)
