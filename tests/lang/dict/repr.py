# repr of dicts with various values
print({'s': 'str', 'q': "it's", 'n': None, 'l': [1], 'd': {}, 't': (1,)})
d = {'self': None}
d['self'] = d
print(d)
