# attribute and index access inside fields
class P:
    x = 3
    y = 4
p = P()
print('({0.x}, {0.y})'.format(p))
print('{0[1]} {0[0]}'.format(['a', 'b']))
print('{d[key]} {d[k2]}'.format(d={'key': 'v', 'k2': 5}))
print('{0[0][1]}'.format([[1, 2]]))
print('{p.x:>4}|'.format(p=p))
