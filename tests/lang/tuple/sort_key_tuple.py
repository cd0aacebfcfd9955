# sorting with tuple keys
words = ['bb', 'a', 'ccc', 'aa', 'b']
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=lambda w: (-len(w), w)))
