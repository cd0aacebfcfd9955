# append, extend and +=
l = [1]
l.append(2)
l.append([3, 4])
print(l)
l.extend([5, 6])
l.extend('ab')
l.extend(range(2))
print(l)
l += (7,)
print(l, len(l))
a = [1]
b = a
b += [2]
print(a, a is b)
b = b + [3]
print(a, b)
