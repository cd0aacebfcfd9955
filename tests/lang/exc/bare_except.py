# bare except catches everything
for thing in (ValueError, SystemExit, KeyboardInterrupt):
    try:
        raise thing
    except:
        print('caught', thing.__name__)
