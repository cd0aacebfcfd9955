# explicit and implicit line continuation
total = 1 + \
    2 + \
    3
items = [
    'a',
    'b',
]
result = (total *
          2)
print(total, items, result)
if total > 5 and \
   result > 10:
    print('both')
