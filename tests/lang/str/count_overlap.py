# find all occurrences with a loop over find
s = 'abababab'
i = s.find('aba')
res = []
while i != -1:
    res.append(i)
    i = s.find('aba', i + 1)
print(res, s.count('aba'))
