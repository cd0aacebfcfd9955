# iterators are single-pass
it = iter([1, 2, 3])
print(list(it), list(it))
m = map(str, [1, 2])
print(list(m), list(m))
z = zip('ab', 'cd')
print(list(z), list(z))
