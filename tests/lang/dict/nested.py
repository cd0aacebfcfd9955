# nested dicts and counting
text = 'the cat and the hat and the bat'
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
tree = {'a': {'b': {'c': 1}}}
tree['a']['b']['d'] = 2
print(tree, tree['a']['b']['c'])
