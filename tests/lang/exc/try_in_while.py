# retry loop with try and break
attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise ConnectionError('fail %d' % attempts)
        print('success on', attempts)
        break
    except ConnectionError as e:
        print('retry after', e)
