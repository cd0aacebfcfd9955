# exp: hand
# uncaught exception at module level inside a loop after output
for i in range(5):
    print('i =', i)
    if i == 2:
        raise TypeError('stopped at ' + str(i))
