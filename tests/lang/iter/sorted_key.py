# sorted with key and reverse
data = ['pear', 'fig', 'banana', 'kiwi', 'apple']
print(sorted(data), sorted(data, key=len), sorted(data, key=len, reverse=True))
print(sorted(data, key=lambda s: s[-1]), sorted([3, -1, 2], key=abs))
print(sorted({'b': 1, 'a': 2}), sorted('cab', reverse=True), sorted([]))
