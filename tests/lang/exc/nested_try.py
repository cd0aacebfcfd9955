# nested try statements
try:
    try:
        raise ValueError('v')
    except TypeError:
        print('wrong handler')
    finally:
        print('inner finally')
except ValueError as e:
    print('outer caught', e)
finally:
    print('outer finally')
