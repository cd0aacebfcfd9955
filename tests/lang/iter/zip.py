# zip stops at the shortest input
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1])), list(zip('ab', 'cd', 'ef')))
a, b = zip(*[(1, 'x'), (2, 'y'), (3, 'z')])
print(a, b)
print(dict(zip('abc', range(10))))
