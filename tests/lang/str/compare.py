# string comparisons are lexicographic by code point
print('abc' < 'abd', 'abc' < 'ab', 'B' < 'a', '' < 'a')
print('abc' == 'abc', 'a' != 'A', 'z' > 'é', 'é' < 'ё')
print(sorted(['pear', 'Apple', 'apple', 'banana', 'Banana']))
print(max('hello'), min('hello'))
