# keyword fields and mixing with positional
print('{name} is {age}'.format(name='Bob', age=30))
print('{0} {x} {1}'.format('a', 'b', x='X'))
d = {'a': 1, 'b': 2}
print('{a}+{b}'.format(**d))
try:
    '{missing}'.format(a=1)
except KeyError as e:
    print(type(e).__name__)
