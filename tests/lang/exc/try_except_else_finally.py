# order of try, except, else and finally blocks
def run(fail):
    try:
        print('try')
        if fail:
            raise ValueError('boom')
    except ValueError as e:
        print('except', e)
    else:
        print('else')
    finally:
        print('finally')
run(False)
run(True)
