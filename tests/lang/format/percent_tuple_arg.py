# formatting a tuple as a single value requires wrapping
t = (1, 2)
print('%s' % (t,), 'value: %r' % (t,))
print('%s-%s' % t)
