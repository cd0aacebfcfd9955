# while-else and break
i = 0
while i < 3:
    i += 1
else:
    print('while finished', i)
while True:
    break
else:
    print('never')
print('end')
