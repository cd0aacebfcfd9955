# loop variables keep their last value
for i in range(5):
    pass
print(i)
for ch in 'xyz':
    last = ch
print(ch, last)
