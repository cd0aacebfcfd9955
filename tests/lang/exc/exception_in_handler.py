# an exception raised inside a handler propagates
try:
    try:
        raise KeyError('a')
    except KeyError:
        print('in handler')
        raise IndexError('from handler')
    finally:
        print('finally')
except IndexError as e:
    print('caught', e)
