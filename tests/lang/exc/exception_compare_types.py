# exception objects and classes as values
errs = [ValueError, TypeError, KeyError]
def check(ex):
    try:
        raise ex('m')
    except tuple(errs[:2]) as e:
        return 'first two: ' + type(e).__name__
    except Exception as e:
        return 'other: ' + type(e).__name__
print([check(x) for x in errs])
