# except Exception does not catch BaseException subclasses
try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print('wrong')
except BaseException as e:
    print('caught', type(e).__name__)
