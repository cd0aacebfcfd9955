# sort with key and reverse
l = [5, 2, 8, 1, 9, 3]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'date']
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
print(l.sort() is None)
