# find and rfind with start and end arguments
s = 'abracadabra'
print(s.find('a'), s.find('bra'), s.find('z'), s.find(''), s.find('a', 1))
print(s.rfind('a'), s.rfind('bra'), s.rfind('z'), s.rfind(''), s.rfind('a', 0, 5))
print(s.find('a', -4), s.find('bra', 2, 8), s.find('a', 20))
print('日本語日本'.find('本'), '日本語日本'.rfind('本'))
